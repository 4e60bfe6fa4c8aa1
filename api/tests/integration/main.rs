//! The client generated from Apple's definition: its committed copy and a run against the sandbox.
//!
//! One test binary per package: each links once, which keeps builds small and fast.

mod generated_copy;
mod sandbox;
