//! `serve` on a real socket: it answers, the request log names the client's address (so
//! handlers can extract it), and it stops when told to.

mod common;

use std::io::Write;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use store::store_test;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use web::AppState;

/// Every log line of this test binary, captured by a subscriber installed once for all its
/// tests (the server's tasks run on other threads, so a thread-local one would miss them).
static LOG: LazyLock<Arc<Mutex<Vec<u8>>>> = LazyLock::new(|| {
    let log = Arc::new(Mutex::new(Vec::new()));
    let writer = Arc::clone(&log);
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .with_writer(move || LogWriter(Arc::clone(&writer)))
        .init();
    log
});

struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl Write for LogWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One HTTP/1.1 request on a fresh connection; the whole answer as text.
async fn request(address: std::net::SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(address).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
}

store_test! {
    async fn serves_until_shutdown(store: Store) {
        let log = LazyLock::force(&LOG);
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(web::serve(AppState::new(app::App::new(store)), listener, async {
            let _ = stopped.await;
        }));
        let answer = request(address, "/api/v1/health").await;
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
        assert!(answer.contains("\"status\":\"ok\""), "{answer}");
        assert!(answer.to_lowercase().contains("x-content-type-options: nosniff"), "{answer}");
        let answer = request(address, "/nowhere").await;
        assert!(answer.starts_with("HTTP/1.1 404 Not Found\r\n"), "{answer}");
        // The request span names the route and the client's address from ConnectInfo.
        let lines = String::from_utf8(log.lock().unwrap().clone()).unwrap();
        assert!(
            lines.lines().any(|line| line.contains("route=/api/v1/health")
                && line.contains("client=127.0.0.1:")
                && line.contains("status=200")),
            "{lines}"
        );
        stop.send(()).unwrap();
        tokio::time::timeout(Duration::from_secs(10), server)
            .await
            .expect("the server stops after the shutdown signal")
            .unwrap()
            .unwrap();
        assert!(TcpStream::connect(address).await.is_err(), "the listener is closed");
    }
}
