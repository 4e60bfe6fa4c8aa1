//! The connector client against the sandbox, its committed generated copy and its dependency graph.
//!
//! One test binary per package: each links once, which keeps builds small and fast.

#[path = "../common/mod.rs"]
mod common;

mod client_sandbox;
mod generated_copy;
mod hostile;
mod library_dependencies;
mod paging_retries;
mod quickstart;
