//! `equidose backup` and `equidose restore`: a consistent copy of a live database, checked
//! before it is put in its place, and its return into an empty database, checked and upgraded.
//!
//! SQLite is copied by the store (`VACUUM INTO`, one read snapshot while writers go on) to a
//! temporary file beside the target; the copy is flushed, opened and verified as `equidose
//! verify` would, and only then renamed over the target, so the target is a whole, verified
//! backup or nothing. A restore stages the backup the same way beside the database it
//! replaces (where the migrations run, so an older backup is upgraded), verifies it, and
//! renames it into place. PostgreSQL is copied by its own tools: `pg_dump --format=custom`
//! and `pg_restore` in one transaction, so a failed restore changes nothing.

use std::ffi::OsStr;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use anyhow::{Context, bail};
use store::{Backend, Store};

use crate::output::{errln, outln};
use crate::words::{count_of, thousands};

/// The first bytes of every SQLite database file.
const SQLITE_HEADER: &[u8] = b"SQLite format 3\0";

/// The first bytes of a `pg_dump --format=custom` archive.
const PG_DUMP_HEADER: &[u8] = b"PGDMP";

/// The recipe for PostgreSQL by hand, for when its tools are missing.
const POSTGRES_RECIPE: &str = "back up with `pg_dump --format=custom --file=FILE URL`, restore \
     into an empty database with `pg_restore --no-owner --single-transaction --dbname=URL FILE`, \
     then run `equidose --database URL verify`";

/// A temporary file beside a target, removed (with SQLite's side files) unless it was put in
/// its place.
struct Temporary {
    path: PathBuf,
    kept: bool,
}

impl Temporary {
    /// A free name beside `target`, hidden and named after it (`.ledger.db.1234-0.partial`);
    /// nothing is created.
    fn beside(target: &Path) -> anyhow::Result<Self> {
        let name = target
            .file_name()
            .with_context(|| format!("{}: names no file", target.display()))?
            .to_string_lossy()
            .into_owned();
        let folder = folder_of(target);
        for attempt in 0..100 {
            let path = folder.join(format!(".{name}.{}-{attempt}.partial", std::process::id()));
            if !path.exists() {
                return Ok(Self { path, kept: false });
            }
        }
        bail!("{}: no free temporary name beside it", target.display())
    }

    /// Renames the file over `target` (one rename: a reader sees the old file or the new
    /// one) and flushes the folder, so that the rename too survives a power loss.
    fn put_in_place(mut self, target: &Path) -> anyhow::Result<()> {
        std::fs::rename(&self.path, target)
            .with_context(|| format!("{}: cannot be written", target.display()))?;
        self.kept = true;
        if let Ok(folder) = File::open(folder_of(target)) {
            let _ = folder.sync_all();
        }
        Ok(())
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if !self.kept {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
            }
        }
    }
}

/// The folder a file is in, `.` for a bare name.
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The file an SQLite URL names (`sqlite://FILE` or `sqlite:FILE`, options cut off).
fn sqlite_path(url: &str) -> anyhow::Result<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path.contains(":memory:") {
        bail!("the database URL {url:?} names no file to back up or restore");
    }
    Ok(PathBuf::from(path))
}

/// Flushes a file's bytes to the disk (SQLite does not, for `VACUUM INTO`).
fn flush_to_disk(path: &Path) -> anyhow::Result<()> {
    File::open(path)
        .and_then(|file| file.sync_all())
        .with_context(|| format!("{}: cannot be flushed to the disk", path.display()))
}

/// Refuses a copy whose write-ahead log still holds pages after its store closed: the
/// rename moves the database file alone, and those pages would be lost.
fn check_log_merged(path: &Path) -> anyhow::Result<()> {
    let log = PathBuf::from(format!("{}-wal", path.display()));
    if size_of(&log) > 0 {
        bail!(
            "{}: its write-ahead log was not merged into it when it closed",
            path.display()
        );
    }
    Ok(())
}

/// The file's size in bytes.
fn size_of(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |metadata| metadata.len())
}

/// What `verify` found on a copy, as one error when anything is wrong (each violation
/// printed on standard error first), or the counts for the summary.
async fn verify_copy(url: &str, what: &str) -> anyhow::Result<store::ledger::VerifyReport> {
    let store = Store::open_existing(url).await?;
    let report = store.verify().await;
    store.close().await;
    let report = report?;
    if report.violations.is_empty() && report.integrity_problems.is_empty() {
        return Ok(report);
    }
    for violation in &report.violations {
        errln!("violation: {violation}");
    }
    for problem in &report.integrity_problems {
        errln!("database integrity: {problem}");
    }
    bail!(
        "{what} is not consistent: {}, {}",
        count_of(report.violations.len(), "violation", "violations"),
        count_of(
            report.integrity_problems.len(),
            "integrity problem",
            "integrity problems"
        )
    )
}

/// A URL for a file path.
fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// Refuses a backup file that is there already, unless the caller said to replace it.
fn check_target(to: &Path, force: bool) -> anyhow::Result<()> {
    if to.is_dir() {
        bail!(
            "{}: is a folder; give the name of the backup file to write",
            to.display()
        );
    }
    if to.exists() && !force {
        bail!(
            "{}: exists already; give a new file, or --force to replace it (only once the new backup is written and verified)",
            to.display()
        );
    }
    Ok(())
}

/// `equidose backup --to FILE`.
pub async fn backup(database: &str, to: &Path, force: bool) -> anyhow::Result<ExitCode> {
    check_target(to, force)?;
    match Backend::of_url(database)? {
        Backend::Sqlite => backup_sqlite(database, to).await,
        Backend::Postgres => backup_postgres(database, to).await,
    }
}

async fn backup_sqlite(database: &str, to: &Path) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let source = Store::open_existing(database).await?;
    let temporary = Temporary::beside(to)?;
    let copied = source.backup_to(&temporary.path).await;
    source.close().await;
    copied.with_context(|| format!("{}: the backup was not written", to.display()))?;
    flush_to_disk(&temporary.path)?;
    let report = verify_copy(
        &sqlite_url(&temporary.path),
        &format!("the copy of {}", store::redact(database)),
    )
    .await
    .with_context(|| format!("{}: the backup was not written", to.display()))?;
    // Opening the copy to verify it may have written to it (WAL mode is set on open):
    // flushed again before it goes in its place.
    check_log_merged(&temporary.path)?;
    flush_to_disk(&temporary.path)?;
    let bytes = size_of(&temporary.path);
    temporary.put_in_place(to)?;
    outln!(
        "backup written: {}, {} bytes, {}, {}; verified (integrity check, doses conserved, journal replays to the balances) in {:.1} s",
        to.display(),
        thousands(bytes),
        count_of(report.movements, "movement", "movements"),
        count_of(report.lots, "lot", "lots"),
        started.elapsed().as_secs_f64()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// A PostgreSQL URL without its password, and the password (percent-decoded), if any: the
/// tools get it in `PGPASSWORD`, so that it never shows in a list of processes.
fn split_password(url: &str) -> (String, Option<String>) {
    let (Some(scheme_end), Some(at)) = (url.find("://"), url.rfind('@')) else {
        return (url.to_owned(), None);
    };
    if at < scheme_end + 3 {
        return (url.to_owned(), None);
    }
    let credentials = &url[scheme_end + 3..at];
    let Some(colon) = credentials.find(':') else {
        return (url.to_owned(), None);
    };
    let encoded = &credentials[colon + 1..];
    let mut bytes = Vec::with_capacity(encoded.len());
    let mut rest = encoded.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        let decoded = (first == b'%')
            .then(|| tail.get(..2))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match decoded {
            Some(byte) => {
                bytes.push(byte);
                rest = &tail[2..];
            }
            None => {
                bytes.push(first);
                rest = tail;
            }
        }
    }
    let password = String::from_utf8_lossy(&bytes).into_owned();
    let without = format!(
        "{}{}{}",
        &url[..scheme_end + 3],
        &credentials[..colon],
        &url[at..]
    );
    (without, Some(password))
}

/// Runs one of PostgreSQL's client tools; its standard error, if it failed. A database URL
/// among the arguments loses its password to `PGPASSWORD`.
fn run_tool(tool: &str, args: &[&OsStr]) -> anyhow::Result<Result<String, String>> {
    let mut command = Command::new(tool);
    for arg in args {
        match arg.to_str().filter(|text| text.starts_with("postgres")) {
            Some(url) => {
                let (without, password) = split_password(url);
                command.arg(without);
                if let Some(password) = password {
                    command.env("PGPASSWORD", password);
                }
            }
            None => {
                command.arg(arg);
            }
        }
    }
    let output = match command.output() {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            bail!(
                "{tool} is not on PATH (install PostgreSQL's client tools); by hand: {POSTGRES_RECIPE}"
            )
        }
        Err(error) => return Err(error).with_context(|| format!("{tool} cannot be started")),
    };
    if output.status.success() {
        Ok(Ok(String::from_utf8_lossy(&output.stdout).into_owned()))
    } else {
        Ok(Err(String::from_utf8_lossy(&output.stderr)
            .trim()
            .to_owned()))
    }
}

/// The tables whose rows a custom archive holds, as `pg_restore --list` reads them; an
/// error naming the file when it is not a readable archive.
fn archive_tables(file: &Path) -> anyhow::Result<usize> {
    match run_tool("pg_restore", &["--list".as_ref(), file.as_os_str()])? {
        Ok(listing) => Ok(listing
            .lines()
            .filter(|line| !line.starts_with(';') && line.contains(" TABLE DATA "))
            .count()),
        Err(reason) => bail!(
            "{}: is not a readable pg_dump archive: {reason}",
            file.display()
        ),
    }
}

async fn backup_postgres(database: &str, to: &Path) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    // The source is verified first: a backup of a broken ledger is refused, not kept.
    let report = verify_copy(database, &store::redact(database))
        .await
        .with_context(|| format!("{}: the backup was not written", to.display()))?;
    let temporary = Temporary::beside(to)?;
    // pg_dump reads one snapshot of the whole database (a repeatable-read transaction), so
    // the archive is consistent while servers write.
    let dumped = run_tool(
        "pg_dump",
        &[
            "--format=custom".as_ref(),
            "--no-owner".as_ref(),
            "--file".as_ref(),
            temporary.path.as_os_str(),
            "--dbname".as_ref(),
            database.as_ref(),
        ],
    )?;
    if let Err(reason) = dumped {
        bail!(
            "{}: the backup was not written: pg_dump failed on {}: {reason}",
            to.display(),
            store::redact(database)
        );
    }
    flush_to_disk(&temporary.path)?;
    let tables = archive_tables(&temporary.path)
        .with_context(|| format!("{}: the backup was not written", to.display()))?;
    let bytes = size_of(&temporary.path);
    temporary.put_in_place(to)?;
    outln!(
        "backup written: {}, {} bytes, pg_dump archive of {} (read back by pg_restore --list); the ledger verified just before: {}, {} in {:.1} s",
        to.display(),
        thousands(bytes),
        count_of(tables, "table", "tables"),
        count_of(report.movements, "movement", "movements"),
        count_of(report.lots, "lot", "lots"),
        started.elapsed().as_secs_f64()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// What kind of backup a file is, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Sqlite,
    PgDump,
}

fn kind_of(from: &Path) -> anyhow::Result<Kind> {
    use std::io::Read;
    if from.is_dir() {
        bail!("{}: is a folder, not a backup file", from.display());
    }
    let mut file =
        File::open(from).with_context(|| format!("{}: cannot be read", from.display()))?;
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(count) => read += count,
            Err(error) => {
                return Err(error).with_context(|| format!("{}: cannot be read", from.display()));
            }
        }
    }
    let header = &header[..read];
    if header.starts_with(SQLITE_HEADER) {
        Ok(Kind::Sqlite)
    } else if header.starts_with(PG_DUMP_HEADER) {
        Ok(Kind::PgDump)
    } else {
        bail!(
            "{}: is not a backup: it is neither an SQLite database nor a pg_dump custom archive",
            from.display()
        )
    }
}

/// `equidose restore --from FILE`.
pub async fn restore(database: &str, from: &Path, force: bool) -> anyhow::Result<ExitCode> {
    let kind = kind_of(from)?;
    let backend = Backend::of_url(database)?;
    match (kind, backend) {
        (Kind::Sqlite, Backend::Sqlite) => restore_sqlite(database, from, force).await,
        (Kind::PgDump, Backend::Postgres) => restore_postgres(database, from, force).await,
        (Kind::Sqlite, Backend::Postgres) => bail!(
            "{}: is an SQLite backup; restore it into a sqlite:// database, not {}",
            from.display(),
            store::redact(database)
        ),
        (Kind::PgDump, Backend::Sqlite) => bail!(
            "{}: is a PostgreSQL archive (pg_dump); restore it into a postgres:// database, not {database}",
            from.display()
        ),
    }
}

/// Refuses a target that holds a database already, unless the caller said to replace it.
/// An SQLite file holds one when it or its write-ahead log has any byte: nothing is opened
/// (a connection, even read-only, would leave side files behind), and a database whose
/// tables are still only in its log counts.
async fn check_empty(database: &str, force: bool) -> anyhow::Result<()> {
    if force {
        return Ok(());
    }
    let holds = match Backend::of_url(database)? {
        Backend::Sqlite => {
            let file = sqlite_path(database)?;
            size_of(&file) > 0 || size_of(&PathBuf::from(format!("{}-wal", file.display()))) > 0
        }
        Backend::Postgres => store::backup::holds_tables(database).await?,
    };
    if holds {
        bail!(
            "{}: holds a database already; restore into a new database, or give --force to replace it",
            store::redact(database)
        );
    }
    Ok(())
}

async fn restore_sqlite(database: &str, from: &Path, force: bool) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let target = sqlite_path(database)?;
    if target.is_dir() {
        bail!("{}: is a folder, not a database file", target.display());
    }
    if let (Ok(source), Ok(destination)) = (from.canonicalize(), target.canonicalize())
        && source == destination
    {
        bail!(
            "{}: is the database itself; restore it into another",
            from.display()
        );
    }
    check_empty(database, force).await?;
    // The backup is copied beside the target and checked there: the file given is never
    // changed, and the target is not touched until the copy has passed.
    let temporary = Temporary::beside(&target)?;
    std::fs::copy(from, &temporary.path).with_context(|| {
        format!(
            "{}: cannot be copied beside {}",
            from.display(),
            target.display()
        )
    })?;
    let report = verify_copy(&sqlite_url(&temporary.path), "the backup")
        .await
        .with_context(|| {
            format!(
                "{}: cannot be restored; {} was not changed",
                from.display(),
                target.display()
            )
        })?;
    check_log_merged(&temporary.path)?;
    flush_to_disk(&temporary.path)?;
    // The old database's write-ahead log must not be applied to the new file.
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = PathBuf::from(format!("{}{suffix}", target.display()));
        match std::fs::remove_file(&side) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                return Err(error).with_context(|| {
                    format!(
                        "{}: cannot be removed; {} was not changed",
                        side.display(),
                        target.display()
                    )
                });
            }
        }
    }
    temporary.put_in_place(&target)?;
    outln!(
        "restored {} into {}: {}, {}; migrated to this version and verified in {:.1} s",
        from.display(),
        database,
        count_of(report.movements, "movement", "movements"),
        count_of(report.lots, "lot", "lots"),
        started.elapsed().as_secs_f64()
    )?;
    Ok(ExitCode::SUCCESS)
}

async fn restore_postgres(database: &str, from: &Path, force: bool) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    archive_tables(from)?;
    check_empty(database, force).await?;
    let mut args: Vec<&OsStr> = vec![
        "--no-owner".as_ref(),
        "--no-privileges".as_ref(),
        "--single-transaction".as_ref(),
        "--exit-on-error".as_ref(),
    ];
    if force {
        args.extend([OsStr::new("--clean"), OsStr::new("--if-exists")]);
    }
    args.extend([
        OsStr::new("--dbname"),
        OsStr::new(database),
        from.as_os_str(),
    ]);
    if let Err(reason) = run_tool("pg_restore", &args)? {
        bail!(
            "{}: cannot be restored into {} (pg_restore ran in one transaction: nothing was changed): {reason}",
            from.display(),
            store::redact(database)
        );
    }
    let report = verify_copy(
        database,
        &format!("the database restored from {}", from.display()),
    )
    .await?;
    outln!(
        "restored {} into {}: {}, {}; migrated to this version and verified in {:.1} s",
        from.display(),
        store::redact(database),
        count_of(report.movements, "movement", "movements"),
        count_of(report.lots, "lot", "lots"),
        started.elapsed().as_secs_f64()
    )?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_go_to_the_environment_not_the_command_line() {
        assert_eq!(
            split_password("postgres://app:s%40cret@db:5432/equidose"),
            (
                "postgres://app@db:5432/equidose".to_owned(),
                Some("s@cret".to_owned())
            )
        );
        assert_eq!(
            split_password("postgres://postgres@127.0.0.1/x"),
            ("postgres://postgres@127.0.0.1/x".to_owned(), None)
        );
        assert_eq!(
            split_password("postgres://127.0.0.1/x"),
            ("postgres://127.0.0.1/x".to_owned(), None)
        );
        assert_eq!(
            split_password("postgres:/@x"),
            ("postgres:/@x".to_owned(), None)
        );
    }
}
