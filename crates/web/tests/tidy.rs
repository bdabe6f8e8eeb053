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

/// The one page registry: `pages::routes`, in `src/pages/mod.rs`, merged into the router
/// once, in `src/lib.rs`.
const PAGE_REGISTRY: &str = "src/pages/mod.rs";
const PAGES_MERGED: (&str, &str) = ("src/lib.rs", ".merge(pages::routes())");

#[test]
fn routes_are_only_added_through_the_documented_registry() {
    // Plain axum routing would serve an endpoint the OpenAPI document does not describe.
    // The pages (HTML, outside the API) have their own registry, the one exception.
    let forbidden = [
        ".route(",
        ".route_service(",
        ".nest_service(",
        ".nest(",
        ".merge(",
        "routing::get",
        "routing::post",
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages_merged = 0;
    for (path, text) in crate_files("src") {
        let relative = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if relative == PAGE_REGISTRY {
            continue;
        }
        let mut text = text;
        if relative == PAGES_MERGED.0 {
            pages_merged = text.matches(PAGES_MERGED.1).count();
            text = text.replace(PAGES_MERGED.1, "");
        }
        for pattern in forbidden {
            assert!(
                !text.contains(pattern),
                "{} uses {pattern}: register routes with `routes!(...)` in api::routes",
                path.display()
            );
        }
    }
    assert_eq!(
        pages_merged, 1,
        "{} merges the page routes exactly once",
        PAGES_MERGED.0
    );
}

#[test]
fn the_page_registry_serves_nothing_under_the_api() {
    // A page route under /api/ would be an endpoint the OpenAPI document does not describe.
    let text =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(PAGE_REGISTRY)).unwrap();
    let routes: Vec<&str> = text
        .lines()
        .filter(|line| line.contains(".route("))
        .collect();
    assert!(!routes.is_empty(), "{PAGE_REGISTRY} registers the pages");
    for line in routes {
        assert!(
            !line.contains("/api"),
            "{PAGE_REGISTRY} routes a page under the API: {line}"
        );
    }
    assert!(
        !text.contains(".nest(") && !text.contains(".merge("),
        "{PAGE_REGISTRY} only routes pages one by one"
    );
}
