//! Reading a whole answer body into memory: within the client's cap, and telling a body
//! cut short from a server that could not be reached.

use bytes::Bytes;

use crate::error::Error;
use crate::request::Request;

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
    let mut chunks = Vec::new();
    let mut received = 0u64;
    loop {
        match answer.chunk().await {
            Ok(Some(chunk)) => {
                received += chunk.len() as u64;
                if received > limit {
                    return Err(too_large());
                }
                chunks.push(chunk);
            }
            Ok(None) => break,
            Err(source) => {
                let error = Error::from_reqwest_for(request, source);
                return Err(cut_short(error, status, received, declared));
            }
        }
    }
    // Most answers arrive in one chunk: that chunk is the body, without a copy.
    Ok(match chunks.as_slice() {
        [only] => only.clone(),
        several => Bytes::from(several.concat()),
    })
}

/// The error of a body that failed part-way: [`Error::Timeout`] stays as it is, a
/// transport failure becomes [`Error::CutShort`] with what had arrived.
pub(crate) fn cut_short(error: Error, status: u16, received: u64, declared: Option<u64>) -> Error {
    match error {
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
