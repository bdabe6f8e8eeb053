//! Files the commands write (`--output`, `--certificate`, `--out`): each is written whole
//! or not at all, so that a reader, or the next night's script, never finds half an answer.
//!
//! A file is first written to a temporary file beside its target, in the same folder (so
//! that the rename below cannot cross file systems), and flushed to the disk; only when
//! every file of the command has been written so are they renamed over their targets. Any
//! failure removes the temporary files, and its message names the path the user gave,
//! never the temporary one.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

/// Attempts at a free temporary name before giving up (another writer may race for it).
const TEMPORARY_NAME_ATTEMPTS: u32 = 100;

/// A file written in full beside its target, not yet in its place; dropped without
/// [`Staged::commit`], it removes itself.
pub struct Staged {
    /// The path the user gave, for messages.
    target: PathBuf,
    /// Where the rename goes: the target, or the file a symbolic link at the target names
    /// (a link is written through, as a plain write would, not replaced).
    destination: PathBuf,
    /// The temporary file, until it is renamed.
    temporary: Option<PathBuf>,
}

/// Writes `write`'s bytes to a temporary file beside `target` and flushes it to the disk.
pub fn stage(
    target: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> anyhow::Result<Staged> {
    let cannot = || format!("{}: cannot be written", target.display());
    if target.is_dir() {
        anyhow::bail!(
            "{}: is a folder; give the name of a file to write",
            target.display()
        );
    }
    let destination = destination(target);
    let (mut file, temporary) = create_beside(&destination).with_context(cannot)?;
    let staged = Staged {
        target: target.to_owned(),
        destination,
        temporary: Some(temporary),
    };
    // On an error `staged` is dropped here, and the temporary file with it.
    write(&mut file)
        .and_then(|()| file.flush())
        .and_then(|()| file.sync_all())
        .with_context(cannot)?;
    Ok(staged)
}

impl Staged {
    /// Puts the file in its place (one rename: a reader sees the old file or the new one).
    pub fn commit(mut self) -> anyhow::Result<()> {
        let Some(temporary) = self.temporary.take() else {
            return Ok(());
        };
        if let Err(error) = std::fs::rename(&temporary, &self.destination) {
            // The temporary file is no use to anyone; an error removing it would hide the
            // first.
            let _ = std::fs::remove_file(&temporary);
            return Err(error)
                .with_context(|| format!("{}: cannot be written", self.target.display()));
        }
        // The rename itself reaches the disk with the folder; the file is in its place
        // already, so a failure here (some file systems refuse to sync a folder) is not one.
        if let Some(folder) = folder_of(&self.destination)
            && let Ok(folder) = File::open(folder)
        {
            let _ = folder.sync_all();
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(temporary) = self.temporary.take() {
            let _ = std::fs::remove_file(temporary);
        }
    }
}

/// Puts every staged file in its place, in order (the ones after a failure are removed).
pub fn commit_all(staged: Vec<Staged>) -> anyhow::Result<()> {
    for file in staged {
        file.commit()?;
    }
    Ok(())
}

/// The file a symbolic link at `target` points to, or `target` itself.
fn destination(target: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(target).is_ok_and(|metadata| metadata.is_symlink());
    if is_link && let Ok(resolved) = std::fs::canonicalize(target) {
        return resolved;
    }
    target.to_owned()
}

/// The folder a path is in; `None` for the current folder.
fn folder_of(path: &Path) -> Option<&Path> {
    path.parent()
        .filter(|folder| !folder.as_os_str().is_empty())
}

/// A new file beside `destination`, named after it and hidden (`.answer.json.1234-0.partial`).
fn create_beside(destination: &Path) -> io::Result<(File, PathBuf)> {
    let name = destination
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let folder = folder_of(destination).unwrap_or(Path::new("."));
    let mut last_error = None;
    for attempt in 0..TEMPORARY_NAME_ATTEMPTS {
        let temporary = folder.join(format!(".{name}.{}-{attempt}.partial", std::process::id()));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
        {
            Ok(file) => return Ok((file, temporary)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => last_error = Some(error),
            Err(error) => return Err(error),
        }
    }
    Err(last_error.unwrap_or_else(|| io::Error::other("no free temporary name")))
}
