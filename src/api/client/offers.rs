//! What the API has said it offers beyond the contract's requests: for now
//! the presence event stream, learnt from a batch answer's `Link`.

use super::Client;

/// What the API said about an event stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamOffer {
    /// Not yet said (no answer has linked to it).
    Unknown,
    Offered,
    /// Asked for and answered 404 or 405: not asked for again.
    Refused,
}

impl Client {
    /// Whether to read presence from the event stream instead of polling.
    pub fn presence_stream_offered(&self) -> bool {
        self.0.presence_stream.get() == StreamOffer::Offered
    }

    /// Records what an answer or a refusal said of the presence stream; a
    /// refusal stands for the life of the client.
    pub fn note_presence_stream(&self, offer: StreamOffer) {
        if self.0.presence_stream.get() != StreamOffer::Refused {
            self.0.presence_stream.set(offer);
        }
    }
}
