//! The browser-test harness: a fresh `equidose serve --demo` per test, Debian's Chromium
//! driven headless through ChromeDriver over WebDriver (fantoccini, plain HTTP), a
//! screenshot of every page visited (kept in `browser-tests/screenshots/`, git-ignored) and
//! axe-core run on each (no serious or critical violation allowed).
//!
//! Needs `chromium`, `chromium-driver` and `fonts-noto-cjk` (apt-get) and axe-core in
//! `browser-tests/node_modules` (`npm install --prefix browser-tests axe-core`); `.ci/run`
//! installs what is missing. Without them a test says `skipped: …` and passes, except under
//! `CI=true`, where it fails.
//!
//! Use: `let Some(mut browser) = Harness::start("name").await else { return };`, then
//! `browser.visit("/countries")`, `browser.api("/api/v1/…")`, and `browser.finish()`.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

/// One browser test at a time: each starts a server, ChromeDriver and Chromium, which two
/// cores cannot run several of at once in good time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The repository's folder for browser-test tools and artifacts (git-ignored).
pub fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../browser-tests")
}

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn axe_path() -> PathBuf {
    folder().join("node_modules/axe-core/axe.min.js")
}

/// Whether the tools are here; if not, says so (and fails under `CI=true`).
fn tools_present() -> bool {
    let missing: Vec<String> = [
        PathBuf::from(CHROMIUM),
        PathBuf::from(CHROMEDRIVER),
        axe_path(),
    ]
    .into_iter()
    .filter(|path| !path.is_file())
    .map(|path| path.display().to_string())
    .collect();
    if missing.is_empty() {
        return true;
    }
    let message = format!(
        "the browser tests need {} (apt-get install chromium chromium-driver fonts-noto-cjk; npm install --prefix browser-tests axe-core)",
        missing.join(", ")
    );
    if std::env::var("CI").is_ok_and(|value| value == "true") {
        panic!("{message}");
    }
    eprintln!("skipped: {message}");
    false
}

/// A process that is killed when dropped.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A free local port (bound, read, released).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// An answer of the server to a plain HTTP GET.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// `GET path` on `address` over HTTP/1.1, without a client library.
pub fn http_get(address: &str, path: &str, headers: &[(&str, &str)]) -> Answer {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8(raw).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();
    let chunked = headers.iter().any(|(name, value)| {
        name.eq_ignore_ascii_case("transfer-encoding") && value.contains("chunked")
    });
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Answer {
        status,
        headers,
        body,
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}

/// A page as visited: its path and its source.
pub struct Visit {
    pub path: String,
    pub source: String,
}

/// A running server, ChromeDriver and Chromium session for one test.
pub struct Harness {
    pub client: Client,
    /// `127.0.0.1:PORT` of the server.
    pub address: String,
    /// The demo users' passwords, by email.
    pub passwords: HashMap<String, String>,
    name: String,
    visits: usize,
    axe: String,
    _server: Process,
    _driver: Process,
    scratch: PathBuf,
    _turn: MutexGuard<'static, ()>,
}

impl Harness {
    /// Starts a fresh demo server and a browser for the test `name`, or `None` (having said
    /// why) when the tools are absent outside CI.
    #[allow(
        clippy::await_holding_lock,
        reason = "the turn is held for the whole test on purpose; each test has its own runtime"
    )]
    pub async fn start(name: &str) -> Option<Harness> {
        if !tools_present() {
            return None;
        }
        let turn = ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let scratch =
            std::env::temp_dir().join(format!("equidose-browser-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&scratch);
        std::fs::create_dir_all(&scratch).unwrap();
        let (server, address, passwords) = start_server(&scratch);
        let port = free_port();
        let driver = Process(
            Command::new(CHROMEDRIVER)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("chromedriver starts"),
        );
        wait_for_port(&format!("127.0.0.1:{port}"));
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update",
                    "--no-first-run", "--hide-scrollbars", "--force-device-scale-factor=1",
                    format!("--user-data-dir={}", scratch.join("chromium").display()),
                    "--window-size=1280,900",
                ],
            },
        });
        let capabilities = match capabilities {
            Value::Object(map) => map,
            _ => unreachable!("a JSON object"),
        };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session with Chromium");
        std::fs::create_dir_all(folder().join("screenshots")).unwrap();
        Some(Harness {
            client,
            address,
            passwords,
            name: name.to_owned(),
            visits: 0,
            axe: std::fs::read_to_string(axe_path()).unwrap(),
            _server: server,
            _driver: driver,
            scratch,
            _turn: turn,
        })
    }

    /// Signs in as the demo user `email` through the sign-in page, as a person would: types
    /// the email and password and presses the button; checks that the workspace opened.
    pub async fn sign_in(&mut self, email: &str) {
        let password = self
            .passwords
            .get(email)
            .unwrap_or_else(|| panic!("{email} is not a demo user"))
            .clone();
        self.visit("/sign-in").await;
        self.find("#sign-in-email")
            .await
            .send_keys(email)
            .await
            .unwrap();
        self.find("#sign-in-password")
            .await
            .send_keys(&password)
            .await
            .unwrap();
        self.find("#sign-in button[type=submit]")
            .await
            .click()
            .await
            .unwrap();
        self.wait_for_path("/workspace").await;
        self.check("/workspace").await;
    }

    /// Waits (up to 10 s) until the browser shows a page at `path`, after a click that
    /// navigates; panics naming where it stayed.
    pub async fn wait_for_path(&self, path: &str) {
        let start = Instant::now();
        loop {
            let url = self.client.current_url().await.unwrap();
            let ready = self
                .client
                .execute("return document.readyState", vec![])
                .await
                .ok()
                .and_then(|state| state.as_str().map(str::to_owned));
            if url.path() == path && ready.as_deref() == Some("complete") {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the browser stays at {url}, not {path}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits (up to 10 s) until the browser shows a page whose path starts with `prefix`
    /// and is not `except` (a new object's page, after a form that creates it); its path.
    pub async fn wait_for_new_path(&self, prefix: &str, except: &str) -> String {
        let start = Instant::now();
        loop {
            let url = self.client.current_url().await.unwrap();
            let path = url.path().to_owned();
            if path.starts_with(prefix) && path != prefix && path != except {
                return path;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the browser stays at {url}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The server's URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Opens `path`, then checks it: a screenshot of the whole page kept as an artifact, no
    /// resource fetched but the server's own, and no serious or critical axe violation.
    pub async fn visit(&mut self, path: &str) -> Visit {
        self.client.goto(&self.url(path)).await.unwrap();
        self.check(path).await
    }

    /// The checks of [`Harness::visit`] on the page the browser shows now (after a click).
    pub async fn check(&mut self, path: &str) -> Visit {
        self.visits += 1;
        self.screenshot(path).await;
        let resources = self
            .client
            .execute(
                "return performance.getEntriesByType('resource').map(entry => entry.name)",
                vec![],
            )
            .await
            .unwrap();
        for resource in resources.as_array().unwrap() {
            let resource = resource.as_str().unwrap();
            assert!(
                resource.starts_with(&self.url("/")),
                "{path} fetched {resource}, which is not the server's"
            );
        }
        self.axe(path).await;
        Visit {
            path: path.to_owned(),
            source: self.client.source().await.unwrap(),
        }
    }

    async fn screenshot(&mut self, path: &str) {
        let height = self
            .client
            .execute("return document.documentElement.scrollHeight", vec![])
            .await
            .unwrap()
            .as_u64()
            .unwrap_or(900)
            .clamp(600, 8_000);
        self.client
            .set_window_size(1280, u32::try_from(height).unwrap_or(900) + 140)
            .await
            .unwrap();
        let png = self.client.screenshot().await.unwrap();
        let slug: String = path
            .chars()
            .map(|character| {
                if character.is_ascii_alphanumeric() {
                    character
                } else {
                    '_'
                }
            })
            .collect();
        let file = folder()
            .join("screenshots")
            .join(format!("{}-{:02}{slug}.png", self.name, self.visits));
        std::fs::write(&file, png).unwrap();
        self.client.set_window_size(1280, 900).await.unwrap();
    }

    async fn axe(&self, path: &str) {
        self.client.execute(&self.axe, vec![]).await.unwrap();
        let violations = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] })
                   .then(result => done(result.violations.map(violation => ({
                       id: violation.id, impact: violation.impact, help: violation.help,
                       nodes: violation.nodes.slice(0, 5).map(node => node.target.join(' ')) }))))
                   .catch(error => done([{ id: 'axe-error', impact: 'critical', help: String(error), nodes: [] }]));",
                vec![],
            )
            .await
            .unwrap();
        let grave: Vec<&Value> = violations
            .as_array()
            .unwrap()
            .iter()
            .filter(|violation| {
                matches!(
                    violation["impact"].as_str(),
                    Some("serious") | Some("critical")
                )
            })
            .collect();
        assert!(
            grave.is_empty(),
            "axe finds serious or critical violations on {path}: {}",
            serde_json::to_string_pretty(&grave).unwrap()
        );
    }

    /// The element `css` (the first).
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client.find(Locator::Css(css)).await.unwrap()
    }

    /// The text of every element `css`.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let mut texts = Vec::new();
        for element in self.client.find_all(Locator::Css(css)).await.unwrap() {
            texts.push(element.text().await.unwrap());
        }
        texts
    }

    /// `GET path` from the server, outside the browser.
    pub fn get(&self, path: &str) -> Answer {
        http_get(&self.address, path, &[])
    }

    /// `GET path` of the API as JSON.
    pub fn api(&self, path: &str) -> Value {
        let answer = self.get(path);
        assert_eq!(answer.status, 200, "{path}: {}", answer.body);
        serde_json::from_str(&answer.body).unwrap()
    }

    /// Ends the session and checks the ledger with `equidose verify`; the server and
    /// ChromeDriver stop when the harness is dropped.
    pub async fn finish(self) {
        let _ = self.client.clone().close().await;
        // Whatever the journey did, the ledger still holds: `equidose verify` on the demo's
        // database, as an operator would run it.
        let database = format!("sqlite://{}", self.scratch.join("demo.db").display());
        let verify = Command::new(env!("CARGO_BIN_EXE_equidose"))
            .args(["verify", "--database", &database])
            .env_remove("EQUIDOSE_DATABASE_URL")
            .output()
            .expect("the equidose binary runs");
        assert!(
            verify.status.success(),
            "equidose verify after {}: {}{}",
            self.name,
            String::from_utf8_lossy(&verify.stdout),
            String::from_utf8_lossy(&verify.stderr)
        );
        let _ = std::fs::remove_dir_all(&self.scratch);
    }
}

/// Starts `equidose serve --demo` on a fresh SQLite database and a free port; returns it
/// once it answers.
fn start_server(scratch: &Path) -> (Process, String, HashMap<String, String>) {
    let database = format!("sqlite://{}", scratch.join("demo.db").display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_equidose"))
        .args([
            "--database",
            &database,
            "serve",
            "--demo",
            "--addr",
            "127.0.0.1:0",
        ])
        .env_remove("EQUIDOSE_DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the equidose binary runs");
    let stdout = child.stdout.take().unwrap();
    let process = Process(child);
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines
            .next()
            .expect("the server says where it serves")
            .unwrap();
        if let Some(rest) = line.split("http://").nth(1)
            && line.contains("is serving")
        {
            break rest.split('/').next().unwrap().to_owned();
        }
    };
    // The demo users' passwords, new at every start, follow: `  email role party password`.
    let mut passwords = HashMap::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if line.starts_with("Try:") {
            break;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        if let [email, _role, _party, password] = words[..]
            && email.contains('@')
        {
            passwords.insert(email.to_owned(), password.to_owned());
        }
    }
    // Keep reading its output so that it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    wait_for_port(&address);
    (process, address, passwords)
}

fn wait_for_port(address: &str) {
    let start = Instant::now();
    while TcpStream::connect(address).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{address} does not answer"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
