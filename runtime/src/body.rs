//! Reading a whole answer body into memory: within the client's cap, and telling a body
//! cut short from a server that could not be reached.

use bytes::{Bytes, BytesMut};

use crate::error::Error;
use crate::request::Request;

/// The most a declared `Content-Length` reserves up front; longer bodies grow as they
/// arrive, so a length the server only claims costs nothing.
const MOST_RESERVED: u64 = 1024 * 1024;

/// Reads `answer`'s body whole, refusing it as soon as it is known to exceed `limit`
/// bytes: at once when `Content-Length` says so, else when the bytes read pass it.
pub(crate) async fn read_whole(
    request: &Request,
    mut answer: reqwest::Response,
    limit: u64,
) -> Result<Bytes, Error> {
    let status = answer.status().as_u16();
    let declared = answer.content_length();
    let too_large = || Error::BodyTooLarge {
        operation: request.operation(),
        status,
        limit,
        declared,
    };
    if declared.is_some_and(|length| length > limit) {
        return Err(too_large());
    }
    // Most answers arrive in one chunk: that chunk is the body, without a copy.
    let mut first: Option<Bytes> = None;
    let mut joined: Option<BytesMut> = None;
    let mut received = 0u64;
    loop {
        let chunk = match answer.chunk().await {
            Ok(Some(chunk)) => chunk,
            Ok(None) => break,
            Err(source) => return Err(failed_read(request, status, received, declared, source)),
        };
        received += chunk.len() as u64;
        if received > limit {
            return Err(too_large());
        }
        match (&mut joined, first.take()) {
            (Some(joined), _) => joined.extend_from_slice(&chunk),
            (None, None) => first = Some(chunk),
            (None, Some(head)) => {
                let reserve = declared
                    .unwrap_or(0)
                    .clamp(received, MOST_RESERVED.max(received));
                let mut buffer = BytesMut::with_capacity(usize::try_from(reserve).unwrap_or(0));
                buffer.extend_from_slice(&head);
                buffer.extend_from_slice(&chunk);
                joined = Some(buffer);
            }
        }
    }
    Ok(match (joined, first) {
        (Some(joined), _) => joined.freeze(),
        (None, first) => first.unwrap_or_default(),
    })
}

/// A body that failed part-way: [`Error::Timeout`] when the time ran out, else
/// [`Error::CutShort`].
fn failed_read(
    request: &Request,
    status: u16,
    received: u64,
    declared: Option<u64>,
    source: reqwest::Error,
) -> Error {
    match Error::from_reqwest_for(request, source) {
        Error::Transport { operation, source } => Error::CutShort {
            operation,
            status,
            received,
            declared,
            source,
        },
        other => other,
    }
}
