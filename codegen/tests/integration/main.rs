//! The generator end to end: errors, fixtures compiled and exercised, golden copies, the command line, diff.
//!
//! One test binary per package: each links once, which keeps builds small and fast.

mod diff;
mod errors;
mod fixture_catalog;
mod fixture_jsonapi;
mod fixture_models;
mod fixture_service;
mod generate_command;
mod openapi_lowering;
