//! kommunlots routes citizens' enquiries to the right municipal unit.
#![forbid(unsafe_code)]

pub mod calendar;
