//! The server functions of appointments. The applicant reaches only their own file's booking;
//! agents only their prefecture's slots and bookings.

use async_trait::async_trait;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::appointments::{AgentBookingRow, AgentDayView, AgentSlotRow, AppointmentView, BookingView, DaySlots, SlotChoice};
use app::backend::{AppointmentsBackend, RequestCtx};
use app::domain::appointments::{fields, format_time, may_book, may_change, validate_opening, CalendarEvent, OpeningInput, Outcome};
use app::domain::date::Date;
use app::domain::lifecycle::{Action, FileStatus};
use app::domain::validation::ValidationError;
use app::error::AppError;
use app::i18n::Lang;

use super::BookingError;
use crate::clock::{to_domain_date, to_naive_date};
use crate::db::entities::{account, application, appointment, collection_slot, prefecture};
use crate::error::{internal, OrInternal};
use crate::filing::{holder, status};
use crate::mail::outbox::{self, Attachment};
use crate::mail::templates::{self, AppointmentMail};
use crate::state::AppState;

/// How far ahead the applicant is offered slots.
const OFFERED_DAYS: i64 = 60;

pub struct AppointmentsService {
    state: AppState,
}

impl From<BookingError> for AppError {
    fn from(error: BookingError) -> Self {
        match error {
            BookingError::SlotUnavailable => AppError::field(fields::SLOT, ValidationError::SlotUnavailable),
            BookingError::TooLate | BookingError::Changed => AppError::Conflict,
            BookingError::Db(error) => internal(error),
        }
    }
}

/// What the e-mails and the calendar file say of a booking.
pub struct Details {
    file_number: String,
    day: Date,
    start: u32,
    length: u32,
    office: String,
    uid: String,
    stamp: String,
}

impl Details {
    pub fn new(
        state: &AppState,
        file: &application::Model,
        slot: &collection_slot::Model,
        office: Option<&prefecture::Model>,
        booking: &appointment::Model,
    ) -> Self {
        let host = state.config.public_url.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/');
        Details {
            file_number: file.file_number.clone().unwrap_or_default(),
            day: to_domain_date(slot.day),
            start: slot.start(),
            length: u32::try_from(slot.length_minutes).unwrap_or(0),
            office: office.map(|p| p.office()).unwrap_or_default(),
            // One event per file: a moved appointment replaces the old one in a calendar.
            uid: format!("retrait-{}@{host}", file.public_id),
            stamp: booking.booked_at.format("%Y%m%dT%H%M%SZ").to_string(),
        }
    }

    pub fn mail(&self) -> AppointmentMail {
        AppointmentMail {
            file_number: self.file_number.clone(),
            day: self.day.to_french(),
            time: format_time(self.start),
            office: self.office.clone(),
        }
    }

    pub fn ics(&self) -> String {
        let description = format!(
            "Demande n° {}. Présentez-vous en personne avec votre passeport et la confirmation de dépôt de votre demande.",
            self.file_number
        );
        CalendarEvent {
            uid: &self.uid,
            day: self.day,
            start: self.start,
            length: self.length,
            summary: "Retrait de votre titre de séjour",
            location: &self.office,
            description: &description,
            stamp: &self.stamp,
        }
        .to_ics()
    }

    pub fn calendar_attachment(&self) -> Attachment {
        Attachment {
            filename: "rendez-vous.ics".to_owned(),
            content_type: "text/calendar; charset=utf-8".to_owned(),
            data: self.ics().into_bytes(),
        }
    }
}

impl AppointmentsService {
    pub fn new(state: AppState) -> Self {
        Self { state }
    }

    /// The applicant's own filed file (anything else: not found).
    async fn own_file(&self, ctx: &RequestCtx, id: &str) -> Result<application::Model, AppError> {
        crate::filing::filed_application(&self.state.db, ctx, id).await
    }

    async fn office(&self, file: &application::Model) -> Result<Option<prefecture::Model>, AppError> {
        match file.prefecture_id {
            Some(id) => prefecture::Entity::find_by_id(id).one(&self.state.db).await.or_internal(),
            None => Ok(None),
        }
    }

    async fn booking_view(&self, file: &application::Model) -> Result<BookingView, AppError> {
        let db = &self.state.db;
        let today = self.state.clock.today();
        let can_book = may_book(status::current(file).or_internal()?);
        let standing = super::standing(db, file.id).await.or_internal()?;
        let office = self.office(file).await?;
        let days = match (can_book, file.prefecture_id) {
            (true, Some(prefecture_id)) => {
                let first = self.state.clock.today_naive() + chrono::Duration::days(1);
                let slots = super::slots(db, prefecture_id, first, first + chrono::Duration::days(OFFERED_DAYS)).await.or_internal()?;
                let mut days: Vec<DaySlots> = Vec::new();
                for slot in slots.into_iter().filter(|s| s.booked < s.capacity) {
                    let day = to_domain_date(slot.day).to_french();
                    let choice = SlotChoice {
                        id: slot.id,
                        time: slot.start_time(),
                        places_left: u32::try_from(slot.capacity - slot.booked).unwrap_or(0),
                    };
                    match days.last_mut() {
                        Some(last) if last.day == day => last.slots.push(choice),
                        _ => days.push(DaySlots { day, slots: vec![choice] }),
                    }
                }
                days
            }
            _ => Vec::new(),
        };
        Ok(BookingView {
            id: file.public_id.clone(),
            file_number: file.file_number.clone().unwrap_or_default(),
            office: office.map(|p| p.office()).unwrap_or_default(),
            can_book,
            standing: standing.map(|(_, slot)| AppointmentView {
                day: to_domain_date(slot.day).to_french(),
                time: slot.start_time(),
                can_change: may_change(to_domain_date(slot.day), today),
            }),
            days,
        })
    }

    /// The confirmation e-mail of a booking or a move, with the calendar file.
    async fn confirm(&self, file: &application::Model, moved: bool) -> Result<(), AppError> {
        let db = &self.state.db;
        let Some((booking, slot)) = super::standing(db, file.id).await.or_internal()? else { return Ok(()) };
        let Some(owner) = account::Entity::find_by_id(file.account_id).one(db).await.or_internal()? else { return Ok(()) };
        let office = self.office(file).await?;
        let details = Details::new(&self.state, file, &slot, office.as_ref(), &booking);
        let lang = Lang::from_code(&owner.lang).unwrap_or_default();
        let url = self.state.url(&app::appointments::paths::page(&file.public_id));
        let content = templates::appointment_booked(lang, &details.mail(), moved, url);
        outbox::enqueue(db, &self.state.clock, &owner.email, content, vec![details.calendar_attachment()]).await.or_internal()?;
        self.state.jobs_wakeup.notify_one();
        Ok(())
    }

    /// The agent's prefecture's day (`YYYY-MM-DD`, empty for today).
    async fn day_view(&self, ctx: &RequestCtx, day: &str) -> Result<AgentDayView, AppError> {
        let agent = ctx.agent()?;
        let db = &self.state.db;
        let today = self.state.clock.today();
        let day = match day.trim() {
            "" => today,
            text => Date::parse_iso(text).map_err(|e| AppError::field("day", e))?,
        };
        let naive = to_naive_date(day).ok_or_else(|| AppError::field("day", ValidationError::InvalidDate))?;
        let of_day = super::slots(db, agent.prefecture_id, naive, naive).await.or_internal()?;
        let bookings = super::of_slots(db, &of_day.iter().map(|s| s.id).collect::<Vec<_>>()).await.or_internal()?;
        let files = if bookings.is_empty() {
            Vec::new()
        } else {
            application::Entity::find()
                .filter(application::Column::Id.is_in(bookings.iter().map(|b| b.application_id)))
                .all(db)
                .await
                .or_internal()?
        };
        let mut slots = Vec::with_capacity(of_day.len());
        for slot in &of_day {
            let mut people = Vec::new();
            for booking in bookings.iter().filter(|b| b.slot_id == slot.id) {
                let Some(file) = files.iter().find(|f| f.id == booking.application_id) else { continue };
                let holder = holder::of_account(db, file.account_id).await.or_internal()?;
                people.push(AgentBookingRow {
                    appointment_id: booking.id,
                    file_id: file.public_id.clone(),
                    file_number: file.file_number.clone().unwrap_or_default(),
                    holder: holder.map(|h| holder::display_name(&h.civil_status)).unwrap_or_default(),
                    outcome: booking.outcome.as_deref().and_then(Outcome::from_code),
                });
            }
            slots.push(AgentSlotRow { time: slot.start_time(), capacity: u32::try_from(slot.capacity).unwrap_or(0), people });
        }
        let first = self.state.clock.today_naive();
        let ahead = super::slots(db, agent.prefecture_id, first, first + chrono::Duration::days(OFFERED_DAYS)).await.or_internal()?;
        let mut upcoming: Vec<(String, u32, u32)> = Vec::new();
        for slot in ahead {
            let iso = slot.day.to_string();
            let (booked, open) = (u32::try_from(slot.booked).unwrap_or(0), u32::try_from(slot.capacity).unwrap_or(0));
            match upcoming.last_mut() {
                Some(last) if last.0 == iso => {
                    last.1 += booked;
                    last.2 += open;
                }
                _ => upcoming.push((iso, booked, open)),
            }
        }
        Ok(AgentDayView { prefecture: agent.prefecture_name.clone(), day: day.to_string(), today, slots, upcoming })
    }
}

#[async_trait]
impl AppointmentsBackend for AppointmentsService {
    async fn booking(&self, ctx: &RequestCtx, id: &str) -> Result<BookingView, AppError> {
        let file = self.own_file(ctx, id).await?;
        self.booking_view(&file).await
    }

    async fn book(&self, ctx: &RequestCtx, id: &str, slot: i32) -> Result<BookingView, AppError> {
        let file = self.own_file(ctx, id).await?;
        if !may_book(status::current(&file).or_internal()?) {
            return Err(AppError::Conflict);
        }
        let prefecture_id = file.prefecture_id.ok_or(AppError::Conflict)?;
        let moved = super::standing(&self.state.db, file.id).await.or_internal()?.is_some();
        super::book(&self.state.db, &self.state.clock, file.id, prefecture_id, slot).await?;
        self.confirm(&file, moved).await?;
        tracing::info!(file = ?file.file_number, moved, "appointment booked");
        self.booking_view(&file).await
    }

    async fn cancel(&self, ctx: &RequestCtx, id: &str) -> Result<BookingView, AppError> {
        let file = self.own_file(ctx, id).await?;
        super::cancel(&self.state.db, &self.state.clock, file.id).await?;
        tracing::info!(file = ?file.file_number, "appointment cancelled");
        self.booking_view(&file).await
    }

    async fn agent_day(&self, ctx: &RequestCtx, day: &str) -> Result<AgentDayView, AppError> {
        self.day_view(ctx, day).await
    }

    async fn open_slots(&self, ctx: &RequestCtx, opening: OpeningInput) -> Result<AgentDayView, AppError> {
        let agent = ctx.agent()?;
        let checked = validate_opening(&opening, self.state.clock.today()).map_err(AppError::Validation)?;
        let (state, prefecture_id, agent_id) = (&self.state, agent.prefecture_id, agent.agent_id);
        let added = super::open(&state.db, &state.clock, prefecture_id, agent_id, &checked).await.or_internal()?;
        tracing::info!(agent = agent.agent_id, added, day = %checked.day, "collection slots opened");
        self.day_view(ctx, &checked.day.to_string()).await
    }

    async fn settle(&self, ctx: &RequestCtx, appointment_id: i32, outcome: Outcome) -> Result<AgentDayView, AppError> {
        let agent = ctx.agent()?;
        let db = &self.state.db;
        let booking = appointment::Entity::find_by_id(appointment_id).one(db).await.or_internal()?.ok_or(AppError::NotFound)?;
        let slot = collection_slot::Entity::find_by_id(booking.slot_id).one(db).await.or_internal()?.ok_or(AppError::NotFound)?;
        // Another prefecture's booking does not exist for this agent.
        if slot.prefecture_id != agent.prefecture_id {
            return Err(AppError::NotFound);
        }
        if booking.active_application_id.is_none() {
            return Err(AppError::Conflict);
        }
        let file = application::Entity::find_by_id(booking.application_id).one(db).await.or_internal()?.ok_or(AppError::NotFound)?;
        // Handed over from the file's page already: only the appointment is left to settle.
        if outcome == Outcome::HandedOver && status::current(&file).or_internal()? != FileStatus::Remis {
            // The file's own move, with its history and the applicant's notice.
            let instruction = crate::instruction::service::InstructionService::new(self.state.clone());
            instruction.apply(ctx, &file.public_id, Action::HandOver, None, None).await?;
        }
        if !super::settle(db, &self.state.clock, booking.id, outcome, agent.agent_id).await.or_internal()? {
            return Err(AppError::Conflict);
        }
        self.day_view(ctx, &slot.day.to_string()).await
    }
}
