//! Working-time calendar: Swedish public holidays, opening hours and deadlines.
