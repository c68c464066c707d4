//! The server-sent events format (WHATWG HTML, "event stream
//! interpretation"), parsed from text as it arrives: `EventSource` cannot
//! send an `Authorization` header, so streams are read with `fetch`.

/// One dispatched event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamEvent {
    /// The `event:` type (`message` when the server gave none).
    pub kind: String,
    pub data: String,
    /// The last `id:` seen, which a reconnect sends as `Last-Event-ID`.
    pub id: Option<String>,
}

/// Longest line kept; a longer one is dropped (a stream is untrusted input
/// like any other body).
const MAX_LINE: usize = 64 * 1024;

/// The parser's state between chunks.
#[derive(Default)]
pub struct EventParser {
    /// Text after the last line break.
    partial: String,
    /// A `\r` ended the last chunk: a `\n` starting the next belongs to it.
    after_cr: bool,
    kind: String,
    data: String,
    has_data: bool,
    last_id: Option<String>,
    /// Lines read since the last call of [`EventParser::take_activity`].
    activity: bool,
    /// The start of a character cut by a chunk boundary.
    cut_char: Vec<u8>,
    heartbeat_ms: Option<u32>,
}

impl EventParser {
    /// Feeds the next chunk of bytes (UTF-8, a character may be cut
    /// between chunks); returns the events it completed.
    pub fn push_bytes(&mut self, chunk: &[u8]) -> Vec<StreamEvent> {
        let mut bytes = std::mem::take(&mut self.cut_char);
        bytes.extend_from_slice(chunk);
        let valid = match std::str::from_utf8(&bytes) {
            Ok(_) => bytes.len(),
            // Up to 3 bytes of a character that the next chunk completes.
            Err(error) if error.error_len().is_none() => error.valid_up_to(),
            Err(_) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                return self.push(&text);
            }
        };
        self.cut_char = bytes[valid..].to_vec();
        let text = std::str::from_utf8(&bytes[..valid])
            .unwrap_or_default()
            .to_owned();
        self.push(&text)
    }

    /// Feeds the next chunk; returns the events it completed.
    pub fn push(&mut self, chunk: &str) -> Vec<StreamEvent> {
        let mut events = Vec::new();
        let mut text = chunk;
        if self.after_cr {
            text = text.strip_prefix('\n').unwrap_or(text);
            self.after_cr = false;
        }
        let mut rest = text;
        while let Some(end) = rest.find(['\n', '\r']) {
            let mut line = std::mem::take(&mut self.partial);
            line.push_str(&rest[..end]);
            let break_len = if rest[end..].starts_with("\r\n") {
                2
            } else {
                1
            };
            if rest[end..].starts_with('\r') && end + 1 == rest.len() {
                self.after_cr = true;
            }
            rest = &rest[end + break_len..];
            if let Some(event) = self.line(&line) {
                events.push(event);
            }
        }
        if self.partial.len() + rest.len() <= MAX_LINE {
            self.partial.push_str(rest);
        } else {
            self.partial.clear();
        }
        events
    }

    /// Whether anything (an event, a comment such as a heartbeat) came since
    /// the last call.
    pub fn take_activity(&mut self) -> bool {
        std::mem::take(&mut self.activity)
    }

    /// The heartbeat interval the server named in a `: heartbeat-ms N`
    /// comment, if it did.
    pub fn heartbeat_ms(&self) -> Option<u32> {
        self.heartbeat_ms
    }

    /// The id to resume from.
    pub fn last_id(&self) -> Option<&str> {
        self.last_id.as_deref()
    }

    fn line(&mut self, line: &str) -> Option<StreamEvent> {
        self.activity = true;
        if line.is_empty() {
            return self.dispatch();
        }
        if let Some(comment) = line.strip_prefix(':') {
            if let Some(ms) = comment.trim().strip_prefix("heartbeat-ms ") {
                self.heartbeat_ms = ms.trim().parse().ok().filter(|ms| *ms > 0);
            }
            return None;
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "event" => self.kind = value.to_owned(),
            "data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                if self.data.len() + value.len() <= MAX_LINE * 4 {
                    self.data.push_str(value);
                }
                self.has_data = true;
            }
            "id" if !value.contains('\0') => self.last_id = Some(value.to_owned()),
            _ => {} // `retry` and unknown fields
        }
        None
    }

    fn dispatch(&mut self) -> Option<StreamEvent> {
        let kind = std::mem::take(&mut self.kind);
        let data = std::mem::take(&mut self.data);
        if !std::mem::take(&mut self.has_data) {
            return None;
        }
        Some(StreamEvent {
            kind: if kind.is_empty() {
                "message".into()
            } else {
                kind
            },
            data,
            id: self.last_id.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_come_out_whole_however_the_chunks_cut_them() {
        let text =
            "retry: 2000\n\n: connected\n\nid: 7\nevent: presence\ndata: {\"a\":\ndata: 1}\n\n";
        for cut in 0..text.len() {
            let mut parser = EventParser::default();
            let mut events = parser.push(&text[..cut]);
            events.extend(parser.push(&text[cut..]));
            assert_eq!(
                events,
                [StreamEvent {
                    kind: "presence".into(),
                    data: "{\"a\":\n1}".into(),
                    id: Some("7".into()),
                }],
                "cut at {cut}"
            );
            assert_eq!(parser.last_id(), Some("7"));
        }
    }

    #[test]
    fn a_character_cut_between_chunks_comes_out_whole() {
        let bytes = "data: Zoë 👋\n\n".as_bytes();
        for cut in 0..bytes.len() {
            let mut parser = EventParser::default();
            let mut events = parser.push_bytes(&bytes[..cut]);
            events.extend(parser.push_bytes(&bytes[cut..]));
            assert_eq!(events.len(), 1, "cut at {cut}");
            assert_eq!(events[0].data, "Zoë 👋");
        }
    }

    #[test]
    fn crlf_and_cr_line_breaks_and_comments_count_as_activity() {
        let mut parser = EventParser::default();
        assert!(parser.push(": heartbeat\r").is_empty());
        assert!(parser.take_activity());
        assert!(!parser.take_activity());
        assert_eq!(parser.heartbeat_ms(), None);
        parser.push(": heartbeat-ms 15000\n");
        assert_eq!(parser.heartbeat_ms(), Some(15_000));
        let events = parser.push("\ndata:x\r\n\r\ndata: y\r\r");
        let data: Vec<_> = events.iter().map(|e| e.data.as_str()).collect();
        assert_eq!(data, ["x", "y"]);
        assert_eq!(events[0].kind, "message");
        assert_eq!(events[0].id, None);
    }

    #[test]
    fn an_endless_line_is_dropped_not_kept() {
        let mut parser = EventParser::default();
        for _ in 0..100 {
            parser.push(&"x".repeat(10_000));
        }
        assert!(parser.partial.len() <= MAX_LINE);
        let events = parser.push("\ndata: ok\n\n");
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].data, "ok");
    }
}
