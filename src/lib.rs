//! dossier: a keyboard-driven terminal research notebook of expert clips.
//!
//! The core (everything but `tui` and `cli`) imports no terminal or argument-parsing crate.

// Lets the `tui` module name the core as its front-end peer, `cli`, does: `dossier::…`.
extern crate self as dossier;

pub mod capture;
pub mod corpus;
pub mod error;
pub mod fsutil;
pub mod library;
pub mod links;
pub mod lockfile;
pub mod model;
pub mod search;
pub mod store;

pub use error::{Error, Result};
pub use library::Library;
pub mod brief;
pub mod compare;
pub mod text;
pub mod tui;
pub mod web_url;
