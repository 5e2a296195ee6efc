//! Building blocks shared by the pages.

pub mod accordion;
pub mod forms;
pub mod table;
