//! The server's own limits on connections, over real sockets: a client that never finishes
//! its headers is disconnected, one that sends its body too slowly gets 408, and connections
//! past the cap are closed at once.

use std::time::{Duration, Instant};

use store::Backend;
use store::testing::TestDatabase;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn start(
    configure: impl FnOnce(&mut web::AppState),
) -> (
    std::net::SocketAddr,
    TestDatabase,
    tokio::sync::oneshot::Sender<()>,
) {
    let database = TestDatabase::create(Backend::Sqlite)
        .await
        .expect("SQLite is always there");
    let store = database.open().await;
    let mut state = web::AppState::new(app::App::new(store));
    configure(&mut state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(web::serve(state, listener, async move {
        let _ = stopped.await;
    }));
    (address, database, stop)
}

/// Reads until the server closes the connection (or 5 s pass); returns what it sent.
async fn read_to_close(stream: &mut TcpStream) -> (String, Duration) {
    let started = Instant::now();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
    (
        String::from_utf8_lossy(&answer).into_owned(),
        started.elapsed(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_finishes_its_headers_is_disconnected() {
    let (address, database, stop) =
        start(|state| state.header_read_duration_max = Duration::from_millis(300)).await;
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream
        .write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let (_, elapsed) = read_to_close(&mut stream).await;
    assert!(
        elapsed < Duration::from_secs(4),
        "the connection stayed open {elapsed:?}"
    );
    // A complete request on a new connection is still answered.
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream
        .write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let (answer, _) = read_to_close(&mut stream).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let _ = stop.send(());
    database.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_upload_answers_408() {
    let (address, database, stop) =
        start(|state| state.body_read_duration_max = Duration::from_millis(300)).await;
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream
        .write_all(
            b"POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"name\"",
        )
        .await
        .unwrap();
    let (answer, _) = read_to_close(&mut stream).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("application/problem+json"), "{answer}");
    let _ = stop.send(());
    database.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_past_the_cap_are_closed() {
    let (address, database, stop) = start(|state| state.connections_max = 2).await;
    // Two idle connections hold both places.
    let _first = TcpStream::connect(address).await.unwrap();
    let _second = TcpStream::connect(address).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut third = TcpStream::connect(address).await.unwrap();
    let _ = third
        .write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await;
    let (answer, _) = read_to_close(&mut third).await;
    assert_eq!(answer, "", "the third connection was served");
    drop((_first, _second));
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut fourth = TcpStream::connect(address).await.unwrap();
    fourth
        .write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let (answer, _) = read_to_close(&mut fourth).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let _ = stop.send(());
    database.remove().await;
}
