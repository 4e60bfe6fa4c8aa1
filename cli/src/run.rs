//! Building the client and calling the operation, once or page by page.

use std::path::Path;
use std::pin::pin;

use connector_runtime::meta::OperationInfo;
use connector_runtime::{Client, Error, Pages, Request, RetryPolicy, response};
use futures_util::StreamExt as _;

use crate::config::{self, Env, Settings};
use crate::document::Json;
use crate::exit::CliError;
use crate::invocation::{Invocation, Paging};
use crate::merge::Merged;
use crate::params;

/// The `User-Agent` of `asc`.
const USER_AGENT: &str = concat!("asc/", env!("CARGO_PKG_VERSION"));

/// Validates the arguments, resolves the settings, then calls the operation and returns
/// the document to print. Arguments are checked first, so a wrong value is reported
/// whatever the credentials.
pub fn run(invocation: &Invocation, env: Env<'_>, cwd: &Path) -> Result<Json, CliError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(CliError::Runtime)?;
    runtime.block_on(async {
        let request = request(invocation)?;
        let settings = config::resolve(&invocation.flags, env, cwd)?;
        let client = client(settings)?;
        send(&client, invocation.operation, request, invocation.paging).await
    })
}

/// The request, built through the typed builder (the library validates every argument)
/// with a client that has no credentials: nothing is sent yet.
fn request(invocation: &Invocation) -> Result<Request, CliError> {
    let info = invocation.operation;
    let unsigned = app_store_connect::Client::builder().build()?;
    let request =
        (info.build)(unsigned.runtime(), &invocation.arguments).map_err(|e| invalid(info, e))?;
    tracing::debug!(operation = info.id, ?request, "request built");
    Ok(request)
}

/// Sends the request once, or follows its pages. Each answer is judged by the operation's
/// generated types, as the library would, and printed as the server sent it.
async fn send(
    client: &Client,
    info: &'static OperationInfo,
    request: Request,
    paging: Paging,
) -> Result<Json, CliError> {
    let decode = move |status, body: &[u8]| {
        (info.check_body)(status, body)?;
        response::json::<Json>(body)
    };
    match paging {
        Paging::Single => Ok(client.execute_with(request, decode).await?.body),
        Paging::Follow(max_pages) => {
            let pages = client.pages_with(Ok(request), decode);
            follow(pages, max_pages).await
        }
    }
}

/// The runtime client: credentials, base URL, timeouts and retries from `settings`.
fn client(settings: Settings) -> Result<Client, CliError> {
    let mut builder = app_store_connect::Client::builder()
        .credentials(settings.credentials)
        .user_agent(USER_AGENT);
    if let Some(url) = &settings.base_url {
        builder = builder.base_url(url);
    }
    if let Some(timeout) = settings.timeout {
        builder = builder.connect_timeout(timeout).timeout(timeout);
    }
    if let Some(bytes) = settings.max_body_size {
        builder = builder.max_body_size(bytes);
    }
    if let Some(retries) = settings.max_retries {
        builder = builder.retry_policy(RetryPolicy::default().with_max_retries(retries));
    }
    Ok(builder.build()?.runtime().clone())
}

/// Follows `links.next` (at most `max_pages` pages) and merges the pages.
async fn follow(pages: Pages<Json>, max_pages: Option<usize>) -> Result<Json, CliError> {
    let mut pages = pin!(pages);
    let mut merged = Merged::new();
    let mut count = 0;
    while let Some(page) = pages.next().await {
        merged.push(page?.body);
        count += 1;
        tracing::debug!(page = count, "page received");
        if max_pages == Some(count) {
            return Ok(merged.finish(true));
        }
    }
    Ok(merged.finish(false))
}

/// A validation error names the flag of the parameter; other errors pass through.
fn invalid(info: &OperationInfo, error: Error) -> CliError {
    match &error {
        Error::InvalidRequest { parameter, .. } => CliError::InvalidArgument {
            flag: params::flag_for(info, parameter),
            source: error,
        },
        _ => CliError::Client(error),
    }
}
