//! A browser without a browser, for the workspace tests: a cookie jar, pages fetched with
//! `Accept: text/html`, and forms sent as a browser sends them, with the hidden fields (CSRF
//! token, idempotency key) read from the page the form is on.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};

use super::{Answer, send};

/// What a browser sends as `Accept` when it follows a link.
pub const NAVIGATION: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// One user's browser over the router.
pub struct Browser {
    pub app: Router,
    pub cookie: Option<String>,
    pub lang: &'static str,
}

impl Browser {
    /// A browser with no cookie, reading English.
    pub fn new(app: &Router) -> Self {
        Self {
            app: app.clone(),
            cookie: None,
            lang: "en",
        }
    }

    fn request(&self, method: &str, path: &str) -> axum::http::request::Builder {
        let mut builder = Request::builder()
            .method(method)
            .uri(path)
            .header("accept", NAVIGATION)
            .header("accept-language", self.lang)
            .header("host", "equidose.test");
        if let Some(cookie) = &self.cookie {
            builder = builder.header("cookie", cookie);
        }
        builder
    }

    /// Follows a link.
    pub async fn get(&self, path: &str) -> Answer {
        send(
            &self.app,
            self.request("GET", path).body(Body::empty()).unwrap(),
        )
        .await
    }

    /// The page's HTML; panics unless it answered 200.
    pub async fn page(&self, path: &str) -> String {
        let answer = self.get(path).await;
        let html = String::from_utf8(answer.body).unwrap();
        assert_eq!(answer.status, StatusCode::OK, "{path}: {html}");
        html
    }

    /// Sends `fields` (urlencoded) to `path` as is, from this site.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let mut body = form_urlencoded::Serializer::new(String::new());
        for (name, value) in fields {
            body.append_pair(name, value);
        }
        send(
            &self.app,
            self.request("POST", path)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("origin", "http://equidose.test")
                .body(Body::from(body.finish()))
                .unwrap(),
        )
        .await
    }

    /// Fills the form `form` of `html` with `fields` and sends it, with its hidden fields.
    pub async fn submit(&self, html: &str, form: &str, fields: &[(&str, &str)]) -> Answer {
        let (action, hidden) = form_of(html, form);
        let mut all: Vec<(&str, &str)> = hidden
            .iter()
            .filter(|(name, _)| !fields.iter().any(|(given, _)| given == name))
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        all.extend_from_slice(fields);
        self.post(&action, &all).await
    }

    /// Signs in with the sign-in page's form; keeps the session cookie.
    pub async fn sign_in(&mut self, email: &str, password: &str) {
        let answer = self
            .post("/sign-in", &[("email", email), ("password", password)])
            .await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{answer:?}");
        let cookie = answer.header("set-cookie").expect("a session cookie");
        self.cookie = Some(cookie.split(';').next().unwrap().to_owned());
    }
}

/// The action and hidden fields of the form with id `form` in `html`.
pub fn form_of(html: &str, form: &str) -> (String, Vec<(String, String)>) {
    let start = html
        .find(&format!("id=\"{form}\""))
        .unwrap_or_else(|| panic!("no form {form} in {html}"));
    let open = html[..start].rfind("<form").unwrap();
    let end = open + html[open..].find("</form>").unwrap();
    let text = &html[open..end];
    let action = attribute(text, "action").unwrap();
    let mut hidden = Vec::new();
    for input in text.split("<input").skip(1) {
        let tag = &input[..input.find('>').unwrap()];
        if attribute(tag, "type").as_deref() == Some("hidden") {
            hidden.push((
                attribute(tag, "name").unwrap(),
                attribute(tag, "value").unwrap_or_default(),
            ));
        }
    }
    (
        unescape(&action),
        hidden
            .into_iter()
            .map(|(name, value)| (name, unescape(&value)))
            .collect(),
    )
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = at + tag[at..].find('"')?;
    Some(tag[at..end].to_owned())
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
