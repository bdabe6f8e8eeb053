//! Keyset pagination for every list: `limit` and `cursor` in, a JSON array out, and the next
//! page's address in `Link: <…>; rel="next"` and `Next-Cursor` while more remain.
//!
//! A cursor is the sort key of the last item a page showed (a party's code, a journal entry's
//! id), so a page is `key > cursor ORDER BY key LIMIT limit + 1`: stable while items are
//! added, and as fast for the last page as for the first. Fetch one item more than the limit
//! to learn whether another page exists.

use axum::Json;
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::error::ApiError;

/// Items per page when the request does not say.
pub const PAGE_ITEMS_DEFAULT: usize = 100;
/// The most items one page may hold.
pub const PAGE_ITEMS_MAX: usize = 500;

/// The header that carries the next page's cursor on its own, for clients that do not parse
/// `Link`.
pub static NEXT_CURSOR: HeaderName = HeaderName::from_static("next-cursor");

/// A list's path with the filters it was asked with (those given), for the next page's
/// address: `/api/v1/balances?holder=ETH&state=available`.
pub fn path_with_filters(
    path: &str,
    filters: &[(&str, Option<String>)],
) -> Result<String, ApiError> {
    let given: Vec<(&str, &str)> = filters
        .iter()
        .filter_map(|(name, value)| value.as_deref().map(|value| (*name, value)))
        .collect();
    if given.is_empty() {
        return Ok(path.to_owned());
    }
    let query = serde_urlencoded::to_string(&given).map_err(ApiError::internal)?;
    Ok(format!("{path}?{query}"))
}

/// The query of a list with no filters: `limit` and `cursor`. Lists with filters declare
/// these two fields beside theirs (query strings cannot be flattened into one struct).
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items per page, 1 to 500; 100 by default.
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<usize>,
    /// The previous page's `Next-Cursor`.
    #[param(min_length = 1)]
    pub cursor: Option<String>,
}

/// A validated page request: read `limit` and `cursor` into the endpoint's query struct (as
/// `Option<usize>` and `Option<String>`), then call [`PageRequest::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest {
    /// Items per page.
    pub limit: usize,
    /// The key of the last item already seen; the page starts after it.
    pub cursor: Option<String>,
}

impl PageRequest {
    /// How many items to fetch: one more than the page holds, to learn whether another
    /// page follows.
    pub fn fetch_limit(&self) -> i64 {
        i64::try_from(self.limit).map_or(i64::MAX, |limit| limit.saturating_add(1))
    }

    /// The cursor as the id it carries (for lists ordered by a numeric id).
    pub fn cursor_id(&self) -> Result<Option<i64>, ApiError> {
        self.cursor
            .as_deref()
            .map(|cursor| {
                cursor.parse::<i64>().map_err(|_| {
                    ApiError::invalid(
                        "cursor",
                        "must be a value from a previous page's Next-Cursor header",
                    )
                })
            })
            .transpose()
    }

    /// Checks `limit` and `cursor` as read from the query: `limit` 1 to [`PAGE_ITEMS_MAX`]
    /// ([`PAGE_ITEMS_DEFAULT`] when absent), `cursor` non-empty and fit for a header.
    pub fn new(limit: Option<usize>, cursor: Option<String>) -> Result<Self, ApiError> {
        let limit = limit.unwrap_or(PAGE_ITEMS_DEFAULT);
        if !(1..=PAGE_ITEMS_MAX).contains(&limit) {
            return Err(ApiError::invalid(
                "limit",
                format!(
                    "{limit} is not a page size: use a whole number from 1 to {PAGE_ITEMS_MAX}"
                ),
            ));
        }
        if let Some(cursor) = &cursor
            && (cursor.is_empty() || HeaderValue::from_str(cursor).is_err())
        {
            return Err(ApiError::invalid(
                "cursor",
                "the cursor must be a value from a previous page's Next-Cursor header",
            ));
        }
        Ok(Self { limit, cursor })
    }

    /// The page from up to `limit + 1` items after the cursor, in key order: the extra item,
    /// if present, only says that another page exists. `path` is the list's path with any
    /// filters as a query (`/api/v1/balances?holder=ETH`); the next link adds `cursor` and
    /// `limit` to it.
    pub fn page<T>(&self, items: Vec<T>, key: impl Fn(&T) -> &str, path: &str) -> Page<T> {
        self.page_with_owned_keys(items, |item| key(item).to_owned(), path)
    }

    /// [`PageRequest::page`] for items whose key is computed, like a journal entry's id.
    pub fn page_with_owned_keys<T>(
        &self,
        mut items: Vec<T>,
        key: impl Fn(&T) -> String,
        path: &str,
    ) -> Page<T> {
        let next_cursor = if items.len() > self.limit {
            items.truncate(self.limit);
            items.last().map(key)
        } else {
            None
        };
        let next_link = next_cursor.as_ref().map(|cursor| {
            let query = serde_urlencoded::to_string([
                ("cursor", cursor.as_str()),
                ("limit", &self.limit.to_string()),
            ])
            .unwrap_or_default();
            let separator = if path.contains('?') { '&' } else { '?' };
            format!("<{path}{separator}{query}>; rel=\"next\"")
        });
        Page {
            items,
            next_cursor,
            next_link,
        }
    }
}

/// One page of a list: answers a JSON array, with `Link` and `Next-Cursor` when more remain.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The page's items, in key order.
    pub items: Vec<T>,
    /// The key of the page's last item while another page follows; `None` on the last page.
    pub next_cursor: Option<String>,
    next_link: Option<String>,
}

impl<T: Serialize> IntoResponse for Page<T> {
    fn into_response(self) -> Response {
        let link = self.next_link.map(|link| HeaderValue::from_str(&link));
        let cursor = self
            .next_cursor
            .map(|cursor| HeaderValue::from_str(&cursor));
        let (link, cursor) = match (link.transpose(), cursor.transpose()) {
            (Ok(link), Ok(cursor)) => (link, cursor),
            // A key that cannot travel in a header would silently end the list early for
            // the client; a 500 gets the key type fixed instead.
            (Err(error), _) | (_, Err(error)) => return ApiError::internal(error).into_response(),
        };
        let mut response = Json(self.items).into_response();
        let headers = response.headers_mut();
        if let Some(link) = link {
            headers.insert(header::LINK, link);
        }
        if let Some(cursor) = cursor {
            headers.insert(NEXT_CURSOR.clone(), cursor);
        }
        response
    }
}
