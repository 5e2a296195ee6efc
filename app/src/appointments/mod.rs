//! Appointments to collect the card (issue 13): the applicant books, moves or cancels a slot
//! of their prefecture once the card is available; agents open slots and keep the day list.
//! The rules are in `domain::appointments`; the server implements
//! [`crate::backend::AppointmentsBackend`].

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::appointments::{OpeningInput, Outcome};
use crate::error::AppError;

mod agent;
mod booking;

pub use agent::AgentAppointmentsPage;
pub use booking::BookingPage;

pub mod paths {
    /// The applicant's booking page of file `id`.
    pub fn page(id: &str) -> String {
        format!("/compte/demandes/{id}/rendez-vous")
    }

    /// The standing appointment as an iCalendar file.
    pub fn calendar(id: &str) -> String {
        format!("/api/demandes/{id}/rendez-vous.ics")
    }

    /// The agents' slots and day list.
    pub const AGENT: &str = "/agent/rendez-vous";
}

/// The applicant's booking page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingView {
    pub id: String,
    pub file_number: String,
    /// Where the card is collected: the prefecture's name and address.
    pub office: String,
    /// The card is available: booking is open.
    pub can_book: bool,
    pub standing: Option<AppointmentView>,
    /// Free slots, by day, from tomorrow.
    pub days: Vec<DaySlots>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentView {
    /// `DD/MM/YYYY`.
    pub day: String,
    /// `HH:MM`, Paris time.
    pub time: String,
    /// Until the day before.
    pub can_change: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaySlots {
    /// `DD/MM/YYYY`.
    pub day: String,
    pub slots: Vec<SlotChoice>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotChoice {
    pub id: i32,
    pub time: String,
    pub places_left: u32,
}

/// The agents' page for one day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentDayView {
    pub prefecture: String,
    /// `YYYY-MM-DD`.
    pub day: String,
    /// The server's day, for the opening form's checks in the browser.
    pub today: crate::domain::date::Date,
    pub slots: Vec<AgentSlotRow>,
    /// The next days with slots: (`YYYY-MM-DD`, places booked, places open).
    pub upcoming: Vec<(String, u32, u32)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentSlotRow {
    pub time: String,
    pub capacity: u32,
    pub people: Vec<AgentBookingRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentBookingRow {
    pub appointment_id: i32,
    pub file_id: String,
    pub file_number: String,
    pub holder: String,
    pub outcome: Option<Outcome>,
}

#[server(endpoint = "rendez-vous/charger")]
pub async fn load_booking(id: String) -> Result<BookingView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.appointments.booking(&ctx, &id).await)
}

/// Books `slot`, or moves the standing appointment to it.
#[server(endpoint = "rendez-vous/reserver")]
pub async fn book_slot(id: String, slot: i32) -> Result<BookingView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.appointments.book(&ctx, &id, slot).await)
}

#[server(endpoint = "rendez-vous/annuler")]
pub async fn cancel_booking(id: String) -> Result<BookingView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.appointments.cancel(&ctx, &id).await)
}

/// The agent's prefecture's slots and bookings of `day` (`YYYY-MM-DD`; empty: today).
#[server(endpoint = "agent/rendez-vous/jour")]
pub async fn agent_day(day: String) -> Result<AgentDayView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.appointments.agent_day(&ctx, &day).await)
}

/// Opens slots; answers the day they are on.
#[server(endpoint = "agent/rendez-vous/ouvrir", input = leptos::server_fn::codec::Json)]
pub async fn agent_open_slots(opening: OpeningInput) -> Result<AgentDayView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.appointments.open_slots(&ctx, opening).await)
}

/// "Titre remis" (the file moves to handed over) or "Absent"; answers the appointment's day.
#[server(endpoint = "agent/rendez-vous/issue", input = leptos::server_fn::codec::Json)]
pub async fn agent_settle(appointment: i32, outcome: Outcome) -> Result<AgentDayView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.appointments.settle(&ctx, appointment, outcome).await)
}
