//! The server's own limits on connections, over real sockets: a client that never finishes
//! its headers is disconnected, one that sends its body too slowly gets 408, connections past
//! the cap are closed at once, a request that finds no turn is shed with 503 and
//! `Retry-After` (health excepted), and slow uploads hold no turn.

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

/// Sends one whole request on a new connection and reads the answer.
async fn exchange(address: std::net::SocketAddr, request: &str) -> String {
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    read_to_close(&mut stream).await.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_that_finds_no_turn_is_shed_with_503_and_retry_after() {
    let admission = web::layers::Admission::new(1, 1, Duration::from_millis(50));
    let (reads, writes) = (admission.reads.clone(), admission.writes.clone());
    let (address, database, stop) = start(|state| state.admission = admission).await;
    let read = "GET /api/v1/parties HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    let write = "POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
    let health = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    // Every turn for reads is taken: a read is shed at once, a write and health pass.
    let taken = reads.clone().acquire_owned().await.unwrap();
    let answer = exchange(address, read).await;
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.to_lowercase().contains("retry-after: 1"), "{answer}");
    assert!(answer.contains("application/problem+json"), "{answer}");
    assert!(answer.contains("busy with other reads"), "{answer}");
    assert!(exchange(address, health).await.starts_with("HTTP/1.1 200"));
    let answer = exchange(address, write).await;
    assert!(
        answer.starts_with("HTTP/1.1 422"),
        "the write was served: {answer}"
    );
    drop(taken);
    assert!(exchange(address, read).await.starts_with("HTTP/1.1 200"));
    // Every turn for writes is taken: a write is shed, reads pass.
    let taken = writes.clone().acquire_owned().await.unwrap();
    let answer = exchange(address, write).await;
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.contains("busy with other writes"), "{answer}");
    assert!(exchange(address, read).await.starts_with("HTTP/1.1 200"));
    drop(taken);
    let _ = stop.send(());
    database.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_uploads_hold_no_turn() {
    // One turn for writes, and ten clients trickling their bodies: a whole write still
    // passes, because a body is read before its request takes a turn.
    let admission = web::layers::Admission::new(4, 1, Duration::from_millis(50));
    let (address, database, stop) = start(|state| {
        state.admission = admission;
        state.body_read_duration_max = Duration::from_secs(3);
    })
    .await;
    let mut slow = Vec::new();
    for _ in 0..10 {
        let mut stream = TcpStream::connect(address).await.unwrap();
        stream
            .write_all(b"POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{")
            .await
            .unwrap();
        slow.push(stream);
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let write = "POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
    let answer = exchange(address, write).await;
    assert!(answer.starts_with("HTTP/1.1 422"), "{answer}");
    // The slow ones end with 408 when their time is up.
    let answer = read_to_close(&mut slow[0]).await.0;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    let _ = stop.send(());
    database.remove().await;
}
