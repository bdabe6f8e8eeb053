//! importer crate.
