//! allocation crate.
