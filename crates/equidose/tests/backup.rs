//! `equidose backup` and `equidose restore`, run as the real binary: a backup of the demo
//! taken while another process writes is a consistent moment of it (its journal a prefix of
//! the source's, its balances those of that moment), and restores into a fresh database
//! that verifies; what would overwrite or restore garbage is refused, naming the file, and
//! changes nothing. On SQLite and, through pg_dump and pg_restore, on PostgreSQL.

mod support;

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use domain::ledger::{LotId, MovementKind, MovementRequest, PartyCode};
use domain::time::Timestamp;
use store::ledger::{Balance, BalanceFilter, Movement, MovementFilter};
use store::testing::TestDatabase;
use store::{Backend, Store};
use support::equidose;
use tokio::io::{AsyncBufReadExt, BufReader};

/// Doses of the lot the writer reserves from, one at a time.
const WRITER_LOT_DOSES: i64 = 1_000_000;

/// A running `equidose serve --demo`; killed when dropped.
struct Server {
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `serve --demo` on `database` and returns once it listens, the demo written.
async fn serve_demo(database: &str) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_equidose"))
        .args([
            "--database",
            database,
            "serve",
            "--demo",
            "--addr",
            "127.0.0.1:0",
        ])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = tokio::process::ChildStdout::from_std(child.stdout.take().unwrap()).unwrap();
    let mut lines = BufReader::new(stdout).lines();
    tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if line.contains("http://") {
                return;
            }
        }
        panic!("the server ended before saying where it listens");
    })
    .await
    .expect("the demo server starts within 60 s");
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Server { child }
}

async fn journal(store: &Store) -> Vec<Movement> {
    store
        .read(|tx| async move {
            tx.movements(&MovementFilter {
                lot: None,
                involving: None,
                after: None,
                limit: 10_000_000,
            })
            .await
        })
        .await
        .unwrap()
}

async fn balances(store: &Store) -> Vec<Balance> {
    store
        .read(|tx| async move {
            tx.balances(&BalanceFilter {
                limit: 10_000_000,
                ..BalanceFilter::default()
            })
            .await
        })
        .await
        .unwrap()
}

/// Reserves one dose of `lot` at a time, each in its own write, until `stop` is set (at
/// most 20,000); the number written.
async fn write_until(store: Store, lot: LotId, stop: Arc<AtomicBool>) -> usize {
    let maker = PartyCode::parse("maker").unwrap();
    let mut written = 0;
    while !stop.load(Ordering::Relaxed) && written < 20_000 {
        let request = MovementRequest {
            kind: MovementKind::Reserve,
            lot,
            doses: 1,
            actor: maker.clone(),
            to: None,
            from_state: None,
            reason: None,
        };
        let request = &request;
        store
            .write(|tx| async move {
                tx.apply_movement(request, None, Timestamp::from_datetime(chrono::Utc::now()))
                    .await
            })
            .await
            .unwrap();
        written += 1;
    }
    written
}

/// The backup's file beside the test database, removed first.
fn backup_file(database: &TestDatabase, extension: &str) -> std::path::PathBuf {
    let file = std::env::temp_dir().join(format!(
        "{}.backup.{extension}",
        database.url.rsplit('/').next().unwrap()
    ));
    let _ = std::fs::remove_file(&file);
    file
}

/// The demo, served by one process while this one writes to it and a third backs it up;
/// the backup restored into a fresh database holds exactly a moment of the source.
async fn backup_while_writing_restores_a_moment(backend: Backend) {
    let Some(source) = TestDatabase::create(backend).await else {
        return;
    };
    let Some(restored) = TestDatabase::create(backend).await else {
        return;
    };
    let server = serve_demo(&source.url).await;
    let store = source.open().await;
    let lot = store::testing::seed_lot(&store, "BACKUP-1", WRITER_LOT_DOSES).await;
    let demo_movements = journal(&store).await.len();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = tokio::spawn(write_until(store.clone(), lot, stop.clone()));
    // Some writes land before the backup starts.
    while journal(&store).await.len() < demo_movements + 20 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let before = journal(&store).await.len();
    let file = backup_file(
        &source,
        if backend == Backend::Sqlite {
            "db"
        } else {
            "dump"
        },
    );
    let file_text = file.display().to_string();
    let url = source.url.clone();
    let run =
        tokio::task::spawn_blocking(move || equidose(&url, &["backup", "--to", &file_text], ""))
            .await
            .unwrap();
    let after = journal(&store).await.len();
    stop.store(true, Ordering::Relaxed);
    let written = writer.await.unwrap();
    drop(server);
    assert!(run.success, "backup failed: {}", run.stderr);
    assert!(
        run.stdout.starts_with("backup written: ")
            && run.stdout.contains(&file.display().to_string()),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("verified"), "{}", run.stdout);
    eprintln!("{backend:?}: {}", run.stdout.trim());
    assert!(written > 20, "the writer wrote {written}");

    // Restored into a fresh database, the backup verifies.
    let run = equidose(
        &restored.url,
        &["restore", "--from", &file.display().to_string()],
        "",
    );
    assert!(run.success, "restore failed: {}", run.stderr);
    assert!(run.stdout.starts_with("restored "), "{}", run.stdout);
    let run = equidose(&restored.url, &["verify"], "");
    assert!(
        run.success,
        "verify of the restored database: {}",
        run.stderr
    );

    // Its journal is a prefix of the source's, taken between the writes seen before and
    // after the backup ran.
    let source_journal = journal(&store).await;
    let copy = Store::open_existing(&restored.url).await.unwrap();
    let copy_journal = journal(&copy).await;
    assert!(
        (before..=after).contains(&copy_journal.len()),
        "the copy holds {} movements; the source had {before} before the backup and {after} after",
        copy_journal.len()
    );
    assert_eq!(copy_journal[..], source_journal[..copy_journal.len()]);
    // Its balances are the source's at that moment: every account the writer did not touch
    // as the source has it, and the writer's lot as its reservations in the copy say.
    let reserved = copy_journal
        .iter()
        .filter(|movement| movement.lot == lot && movement.kind == MovementKind::Reserve)
        .map(|movement| movement.doses)
        .sum::<i64>();
    let copy_balances = balances(&copy).await;
    let source_balances = balances(&store).await;
    let others = |all: &[Balance]| -> Vec<Balance> {
        all.iter()
            .filter(|balance| balance.lot != lot)
            .cloned()
            .collect()
    };
    assert_eq!(others(&copy_balances), others(&source_balances));
    let of_lot: Vec<(String, i64)> = copy_balances
        .iter()
        .filter(|balance| balance.lot == lot)
        .map(|balance| (balance.state.as_str().to_owned(), balance.doses))
        .collect();
    assert_eq!(
        of_lot,
        vec![
            ("available".to_owned(), WRITER_LOT_DOSES - reserved),
            ("reserved".to_owned(), reserved)
        ]
    );
    copy.close().await;
    store.close().await;
    let _ = std::fs::remove_file(&file);
    source.remove().await;
    restored.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_writing_restores_a_moment_of_the_ledger_on_sqlite() {
    backup_while_writing_restores_a_moment(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_writing_restores_a_moment_of_the_ledger_on_postgresql() {
    // PostgreSQL's client tools come with its server; where they are missing the test is
    // skipped as the PostgreSQL tests are, except under CI=true, where it must run.
    let tools = ["pg_dump", "pg_restore"].iter().all(|tool| {
        Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|output| output.status.success())
    });
    if !tools {
        let message = "pg_dump and pg_restore are not on PATH";
        assert!(
            !std::env::var("CI").is_ok_and(|value| value == "true"),
            "{message}: CI must run the PostgreSQL backup test"
        );
        eprintln!("skipped: {message}");
        return;
    }
    backup_while_writing_restores_a_moment(Backend::Postgres).await;
}

/// A database with a lot in it, for the refusals.
async fn small_database() -> (TestDatabase, Store) {
    let database = TestDatabase::create(Backend::Sqlite).await.unwrap();
    let store = database.open().await;
    store::testing::seed_lot(&store, "SMALL-1", 100).await;
    (database, store)
}

#[tokio::test]
async fn a_backup_does_not_overwrite_a_file_unless_told() {
    let (database, store) = small_database().await;
    store.close().await;
    let file = backup_file(&database, "db");
    std::fs::write(&file, "yesterday's backup").unwrap();
    let file_text = file.display().to_string();
    let run = equidose(&database.url, &["backup", "--to", &file_text], "");
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(
        run.stderr.contains(&file_text) && run.stderr.contains("exists already"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(std::fs::read(&file).unwrap(), b"yesterday's backup");
    // No temporary file is left beside it.
    let folder = file.parent().unwrap();
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let leftovers = std::fs::read_dir(folder)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|entry| {
            let entry_name = entry.file_name().to_string_lossy().into_owned();
            entry_name.starts_with(&format!(".{name}")) && entry_name.contains(".partial")
        })
        .count();
    assert_eq!(leftovers, 0);

    let run = equidose(
        &database.url,
        &["backup", "--to", &file_text, "--force"],
        "",
    );
    assert!(run.success, "{}", run.stderr);
    assert!(
        std::fs::read(&file)
            .unwrap()
            .starts_with(b"SQLite format 3\0")
    );
    let _ = std::fs::remove_file(&file);
    database.remove().await;
}

#[tokio::test]
async fn a_restore_refuses_what_is_not_a_good_backup_naming_the_file_and_changes_nothing() {
    let (target, store) = small_database().await;
    let before = balances(&store).await;
    store.close().await;
    let target_file = target.url.strip_prefix("sqlite://").unwrap().to_owned();
    let target_bytes = std::fs::read(&target_file).unwrap();
    let unchanged = |what: &str| {
        assert_eq!(
            std::fs::read(&target_file).unwrap(),
            target_bytes,
            "{what}: the target changed"
        );
    };

    // A file that is no database at all.
    let garbage = backup_file(&target, "garbage");
    std::fs::write(&garbage, "id,doses\n1,100\n").unwrap();
    let garbage_text = garbage.display().to_string();
    let run = equidose(
        &target.url,
        &["restore", "--from", &garbage_text, "--force"],
        "",
    );
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(&garbage_text) && run.stderr.contains("is not a backup"),
        "{}",
        run.stderr
    );
    unchanged("garbage");

    // A real backup cut short: an SQLite header over damaged pages.
    let good = backup_file(&target, "db");
    let run = equidose(
        &target.url,
        &["backup", "--to", &good.display().to_string()],
        "",
    );
    assert!(run.success, "{}", run.stderr);
    let bytes = std::fs::read(&good).unwrap();
    let cut = backup_file(&target, "cut");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let cut_text = cut.display().to_string();
    let run = equidose(
        &target.url,
        &["restore", "--from", &cut_text, "--force"],
        "",
    );
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(
        run.stderr.contains(&cut_text) && run.stderr.contains("cannot be restored"),
        "{}",
        run.stderr
    );
    unchanged("cut short");

    // A good backup over a database that holds data, without --force.
    let good_text = good.display().to_string();
    let run = equidose(&target.url, &["restore", "--from", &good_text], "");
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("holds a database already") && run.stderr.contains("--force"),
        "{}",
        run.stderr
    );
    unchanged("not empty");

    // A missing file.
    let run = equidose(
        &target.url,
        &["restore", "--from", "/nonexistent/backup.db"],
        "",
    );
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("/nonexistent/backup.db"),
        "{}",
        run.stderr
    );
    unchanged("missing");

    // With --force, the good backup replaces it, and the ledger is the same.
    let run = equidose(
        &target.url,
        &["restore", "--from", &good_text, "--force"],
        "",
    );
    assert!(run.success, "{}", run.stderr);
    let store = Store::open_existing(&target.url).await.unwrap();
    assert_eq!(balances(&store).await, before);
    store.close().await;
    for file in [garbage, good, cut] {
        let _ = std::fs::remove_file(file);
    }
    target.remove().await;
}

#[tokio::test]
async fn a_ledger_that_does_not_verify_is_neither_backed_up_nor_restored() {
    let (broken, store) = small_database().await;
    store::testing::execute_raw(&store, "UPDATE balances SET doses = 90")
        .await
        .unwrap();
    store.close().await;
    let lot = "lot 1";

    // Its backup is refused, and no file is left.
    let file = backup_file(&broken, "db");
    let file_text = file.display().to_string();
    let run = equidose(&broken.url, &["backup", "--to", &file_text], "");
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(
        run.stderr.contains(&file_text)
            && run.stderr.contains("the backup was not written")
            && run.stderr.contains("not consistent: 2 violations")
            && run.stderr.contains(lot),
        "{}",
        run.stderr
    );
    assert!(!file.exists());

    // The broken database file itself, given as a backup, is refused by name.
    let Some(target) = TestDatabase::create(Backend::Sqlite).await else {
        return;
    };
    let broken_file = broken.url.strip_prefix("sqlite://").unwrap().to_owned();
    let run = equidose(&target.url, &["restore", "--from", &broken_file], "");
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(
        run.stderr.contains(&broken_file)
            && run.stderr.contains("cannot be restored")
            && run.stderr.contains("not consistent: 2 violations"),
        "{}",
        run.stderr
    );
    let target_file = target.url.strip_prefix("sqlite://").unwrap();
    assert!(
        !std::path::Path::new(target_file).exists(),
        "the target was created"
    );
    broken.remove().await;
    target.remove().await;
}
