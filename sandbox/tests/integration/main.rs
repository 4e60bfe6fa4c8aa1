//! The loopback App Store Connect double: auth, apps, the server and its agreement with the definition.
//!
//! One test binary per package: each links once, which keeps builds small and fast.

#[path = "../common/mod.rs"]
mod common;

mod apps;
mod auth;
mod server;
mod spec_shape;
