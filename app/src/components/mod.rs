//! Building blocks shared by the pages.

pub mod accordion;
pub mod alert;
pub mod forms;
pub mod table;
