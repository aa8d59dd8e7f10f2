//! A received Kingdee request as it crosses the boundary (the verifier's and the doctor's
//! argument): packed pieces split back into the core's `ReceivedRequest`.

use crate::convert::JsResult;
use crate::pack::Pieces;
use qianming::kingdee::ReceivedRequest;

/// The parts of a received request, borrowed from the packed argument.
pub(crate) struct Received<'a> {
    method: &'a str,
    path: &'a str,
    query: Vec<(&'a str, &'a str)>,
    headers: Vec<(&'a str, &'a str)>,
}

impl<'a> Received<'a> {
    /// Splits packed received-request pieces: method, path, `query_count` query pairs, then
    /// header pairs.
    pub(crate) fn unpack(packed: &'a str, lens: &'a [u32], query_count: u32) -> JsResult<Self> {
        let mut pieces = Pieces::new(packed, lens);
        let method = pieces.next()?;
        let path = pieces.next()?;
        let query = pieces.pairs(query_count as usize)?;
        let headers = pieces.pairs(pieces.remaining() / 2)?;
        Ok(Received {
            method,
            path,
            query,
            headers,
        })
    }

    pub(crate) fn request(&self) -> ReceivedRequest<'_> {
        ReceivedRequest::new(self.method, self.path, &self.query, &self.headers)
    }
}
