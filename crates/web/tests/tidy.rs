//! Checks on the crate's source: every file says what it is for, and routes are only added
//! through `utoipa_axum::routes!`, so none can miss the OpenAPI document.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(directory: &Path, files: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(directory).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
}

fn crate_files(folder: &str) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(folder),
        &mut files,
    );
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect()
}

#[test]
fn every_file_starts_with_what_it_is_for() {
    for folder in ["src", "tests"] {
        for (path, text) in crate_files(folder) {
            assert!(
                text.starts_with("//! "),
                "{} does not start with a //! line",
                path.display()
            );
        }
    }
}

#[test]
fn routes_are_only_added_through_the_documented_registry() {
    // Plain axum routing would serve an endpoint the OpenAPI document does not describe.
    let forbidden = [
        ".route(",
        ".route_service(",
        ".nest_service(",
        ".nest(",
        ".merge(",
        "routing::get",
        "routing::post",
    ];
    for (path, text) in crate_files("src") {
        for pattern in forbidden {
            assert!(
                !text.contains(pattern),
                "{} uses {pattern}: register routes with `routes!(...)` in api::routes",
                path.display()
            );
        }
    }
}
