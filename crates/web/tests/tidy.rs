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

/// The two page registries, the public pages' `pages::routes` and the workspaces'
/// `workspace::routes`, each merged into the router once, in `src/lib.rs`.
const PAGE_REGISTRIES: [(&str, &str); 2] = [
    ("src/pages/mod.rs", ".merge(pages::routes())"),
    ("src/workspace/mod.rs", ".merge(workspace::routes())"),
];
const PAGES_MERGED_IN: &str = "src/lib.rs";

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
    let mut merged = [0; 2];
    for (path, text) in crate_files("src") {
        let relative = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if PAGE_REGISTRIES
            .iter()
            .any(|(registry, _)| relative == *registry)
        {
            continue;
        }
        let mut text = text;
        if relative == PAGES_MERGED_IN {
            for ((_, merge), count) in PAGE_REGISTRIES.iter().zip(&mut merged) {
                *count = text.matches(merge).count();
                text = text.replace(merge, "");
            }
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
        merged,
        [1, 1],
        "{PAGES_MERGED_IN} merges each page registry exactly once"
    );
}

#[test]
fn the_page_registries_serve_nothing_under_the_api() {
    // A page route under /api/ would be an endpoint the OpenAPI document does not describe.
    for (registry, _) in PAGE_REGISTRIES {
        let text =
            fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(registry)).unwrap();
        let routes: Vec<&str> = text
            .lines()
            .filter(|line| line.contains("\"/"))
            .filter(|line| {
                line.trim_start().starts_with(".route(") || line.trim_start().starts_with('"')
            })
            .collect();
        assert!(!routes.is_empty(), "{registry} registers pages");
        for line in routes {
            assert!(
                !line.contains("\"/api"),
                "{registry} routes a page under the API: {line}"
            );
        }
        assert!(
            !text.contains(".nest(") && !text.contains(".merge("),
            "{registry} only routes pages one by one"
        );
    }
}
