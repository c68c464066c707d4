//! HTTP and wire formats: the client, the wire types and their dialect
//! decoders, and the one error model. Nothing here touches the DOM.

pub mod client;
pub mod endpoints;
pub mod error;
pub mod event_stream;
pub mod field_path;
pub mod next_links;
pub mod params;
pub mod patch;
pub mod profile;
pub mod wire;
pub mod wire_values;

pub use error::{ApiError, Dialect, ErrorKind};
pub use field_path::{match_field, FieldPath};
