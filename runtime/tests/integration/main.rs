//! The runtime against scripted loopback servers: auth, transport, paging, retries, schemes.
//!
//! One test binary per package: each links once, which keeps builds small and fast.

#[path = "../common/mod.rs"]
mod common;

mod auth;
mod http;
mod paging;
mod retry;
mod schemes;
