//! Appointments to collect the card on SQLite and PostgreSQL: agents open slots; once the card
//! is available the holder books, moves and cancels until the day before, with a confirmation
//! e-mail carrying the calendar file, and a reminder the day before (once); the day list hands
//! the card over. Then the rights, and 50 bookings at once on one slot never exceed its capacity.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, NotSet, QueryFilter, Set};

use crate::common::{backends, TestApp};
use app::appointments::{AgentDay, AgentOpenSlots, AgentSettle, BookSlot, BookingView, CancelBooking, LoadBooking};
use app::domain::appointments::{fields, OpeningInput, Outcome};
use app::domain::lifecycle::FileStatus;
use app::domain::validation::ValidationError;
use server::appointments::BookingError;
use server::db::entities::{application, appointment, collection_slot};

const AGENT: &str = "agent.palaiseau@demo.localhost";
const SOFIA: &str = "sofia.hernandez@demo.localhost";

fn opening(day: app::domain::date::Date, from: &str, to: &str, length: &str, capacity: &str) -> AgentOpenSlots {
    AgentOpenSlots {
        opening: OpeningInput { day: day.to_string(), from: from.into(), to: to.into(), length: length.into(), capacity: capacity.into() },
    }
}

/// A filed student application taken to "card available" by the Palaiseau agent.
async fn card_available(app: &TestApp) -> (reqwest::Client, String, reqwest::Client) {
    let (sofia, id) = app.filed_student_application().await;
    let agent = app.agent(AGENT).await;
    for action in ["take_charge", "decide_favourable", "start_production"] {
        app.act(&agent, &id, action).await;
    }
    // Not before the card is there.
    let early: BookingView = app.call_fn(&sofia, LoadBooking { id: id.clone() }).await.expect("booking page");
    assert!(!early.can_book && early.days.is_empty());
    app.act(&agent, &id, "card_available").await;
    (sofia, id, agent)
}

async fn slot_booked(app: &TestApp, slot_id: i32) -> i32 {
    collection_slot::Entity::find_by_id(slot_id).one(&app.state.db).await.expect("query").expect("slot").booked
}

#[tokio::test]
async fn a_holder_books_moves_and_cancels_until_the_day_before_and_the_card_is_handed_over() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let (sofia, id, agent) = card_available(&app).await;
        let today = app.state.clock.today();

        // The agent opens two half-hour slots of one place, in three days and tomorrow.
        let day = app.call_fn(&agent, opening(today.add_days(3), "09:00", "10:00", "30", "1")).await.expect("open");
        assert_eq!(day.slots.iter().map(|s| s.time.as_str()).collect::<Vec<_>>(), ["09:00", "09:30"], "{backend:?}");
        app.call_fn(&agent, opening(today.add_days(1), "14:00", "14:15", "15", "1")).await.expect("open tomorrow");
        let again = app.call_fn(&agent, opening(today.add_days(3), "09:00", "10:00", "30", "1")).await.expect("open again");
        assert_eq!(again.slots.len(), 2, "the same hours opened twice add nothing");
        let bad = app.call_fn(&agent, opening(today, "10:00", "09:00", "3", "0")).await;
        let Err((422, error)) = bad else { panic!("{bad:?}") };
        let errors = error.field_errors().expect("fields");
        for field in [fields::DAY, fields::TO, fields::LENGTH, fields::CAPACITY] {
            assert!(errors.get(field).is_some(), "{field}: {errors:?}");
        }

        // The holder sees the free slots by day, and books one: an e-mail with the calendar file.
        let page: BookingView = app.call_fn(&sofia, LoadBooking { id: id.clone() }).await.expect("booking");
        assert!(page.can_book && page.standing.is_none());
        assert_eq!(page.days.len(), 2);
        assert_eq!(page.days[0].day, today.add_days(1).to_french(), "soonest first");
        let (first, second) = (page.days[1].slots[0].id, page.days[1].slots[1].id);
        let booked = app.call_fn(&sofia, BookSlot { id: id.clone(), slot: first }).await.expect("book");
        let standing = booked.standing.expect("standing");
        assert_eq!((standing.day.as_str(), standing.time.as_str(), standing.can_change), (&*today.add_days(3).to_french(), "09:00", true));
        assert!(booked.days.iter().all(|d| d.slots.iter().all(|s| s.id != first)), "a full slot is no longer offered");
        let mail = app.last_mail_to(SOFIA).await;
        assert!(mail.subject.contains("Rendez-vous confirmé"), "{}", mail.subject);
        assert!(mail.raw.contains("text/calendar") && mail.raw.contains("rendez-vous.ics"), "the calendar file is attached");

        // The calendar file, for the owner only.
        let ics = sofia.get(app.url(&app::appointments::paths::calendar(&id))).send().await.expect("ics");
        assert_eq!(ics.status(), 200);
        assert!(ics.headers()["content-type"].to_str().expect("type").starts_with("text/calendar"));
        let text = ics.text().await.expect("text");
        let start = format!("DTSTART;TZID=Europe/Paris:{}T090000", today.add_days(3).to_string().replace('-', ""));
        assert!(text.contains(&start), "{text}");

        // Moved: the first slot's place is given back.
        let moved = app.call_fn(&sofia, BookSlot { id: id.clone(), slot: second }).await.expect("move");
        assert_eq!(moved.standing.expect("standing").time, "09:30");
        assert_eq!((slot_booked(&app, first).await, slot_booked(&app, second).await), (0, 1));
        assert!(app.last_mail_to(SOFIA).await.subject.contains("Rendez-vous déplacé"));
        // A full slot is refused with a message, and the booking stays.
        let taken = collection_slot::Entity::find_by_id(first).one(&app.state.db).await.expect("q").expect("slot");
        let mut full: collection_slot::ActiveModel = taken.into();
        full.booked = Set(1);
        full.update(&app.state.db).await.expect("fill");
        let refused = app.call_fn(&sofia, BookSlot { id: id.clone(), slot: first }).await;
        let Err((422, error)) = refused else { panic!("{refused:?}") };
        assert_eq!(error.field_errors().and_then(|f| f.get(fields::SLOT)), Some(&ValidationError::SlotUnavailable));
        assert_eq!(slot_booked(&app, second).await, 1, "the standing booking is kept");

        // Cancelled, then booked again for tomorrow: the reminder goes once.
        let cancelled = app.call_fn(&sofia, CancelBooking { id: id.clone() }).await.expect("cancel");
        assert!(cancelled.standing.is_none());
        assert_eq!(slot_booked(&app, second).await, 0);
        let tomorrow = cancelled.days[0].slots[0].id;
        app.call_fn(&sofia, BookSlot { id: id.clone(), slot: tomorrow }).await.expect("book tomorrow");
        assert_eq!(server::appointments::reminders::send_due(&app.state).await.expect("remind"), 1);
        assert_eq!(server::appointments::reminders::send_due(&app.state).await.expect("remind again"), 0, "once");
        let reminder = app.last_mail_to(SOFIA).await;
        assert!(reminder.subject.contains("Rappel"), "{}", reminder.subject);

        // On the day, it can no longer be moved or cancelled online.
        let slot = collection_slot::Entity::find_by_id(tomorrow).one(&app.state.db).await.expect("q").expect("slot");
        let mut on_the_day: collection_slot::ActiveModel = slot.clone().into();
        on_the_day.day = Set(app.state.clock.today_naive());
        on_the_day.update(&app.state.db).await.expect("move the day");
        let page: BookingView = app.call_fn(&sofia, LoadBooking { id: id.clone() }).await.expect("booking");
        assert!(!page.standing.expect("standing").can_change);
        assert!(matches!(app.call_fn(&sofia, CancelBooking { id: id.clone() }).await, Err((409, _))));

        // The day list shows who comes; the card is handed over.
        let list = app.call_fn(&agent, AgentDay { day: String::new() }).await.expect("day list");
        let person = list.slots.iter().flat_map(|s| &s.people).find(|p| p.file_id == id).expect("expected");
        assert!(person.holder.contains("HERNÁNDEZ") && person.outcome.is_none());
        let lille = app.agent("agent.lille@demo.localhost").await;
        let foreign = app.call_fn(&lille, AgentSettle { appointment: person.appointment_id, outcome: Outcome::HandedOver }).await;
        assert!(matches!(foreign, Err((404, _))), "another prefecture's booking: {foreign:?}");
        let settled =
            app.call_fn(&agent, AgentSettle { appointment: person.appointment_id, outcome: Outcome::HandedOver }).await.expect("settle");
        let person = settled.slots.iter().flat_map(|s| &s.people).find(|p| p.file_id == id).expect("listed");
        assert_eq!(person.outcome, Some(Outcome::HandedOver));
        assert_eq!(app.file(&id).await.status, FileStatus::Remis.as_str());
        app.finish().await;
    }
}

#[tokio::test]
async fn only_the_holder_and_their_prefecture_reach_the_appointments() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let (sofia, id, agent) = card_available(&app).await;
        let day = app.state.clock.today().add_days(2);
        app.call_fn(&agent, opening(day, "10:00", "10:30", "30", "2")).await.expect("open");
        let page: BookingView = app.call_fn(&sofia, LoadBooking { id: id.clone() }).await.expect("booking");
        let slot = page.days[0].slots[0].id;

        // Visitors.
        assert!(matches!(app.call_fn_default(LoadBooking { id: id.clone() }).await, Err((401, _))));
        assert!(matches!(app.call_fn_default(BookSlot { id: id.clone(), slot }).await, Err((401, _))));
        assert!(matches!(app.call_fn_default(AgentDay { day: String::new() }).await, Err((401, _))));
        assert!(matches!(app.call_fn_default(opening(day, "10:00", "11:00", "30", "1")).await, Err((401, _))));
        assert_eq!(app.new_client().get(app.url(&app::appointments::paths::calendar(&id))).send().await.expect("ics").status(), 401);

        // Another applicant: the file does not exist; an applicant is no agent.
        let priya = app.applicant("9101837465").await;
        assert!(matches!(app.call_fn(&priya, LoadBooking { id: id.clone() }).await, Err((404, _))));
        assert!(matches!(app.call_fn(&priya, BookSlot { id: id.clone(), slot }).await, Err((404, _))));
        assert!(matches!(app.call_fn(&priya, CancelBooking { id: id.clone() }).await, Err((404, _))));
        assert_eq!(priya.get(app.url(&app::appointments::paths::calendar(&id))).send().await.expect("ics").status(), 404);
        assert!(matches!(app.call_fn(&sofia, AgentDay { day: String::new() }).await, Err((401, _))));
        assert!(matches!(app.call_fn(&sofia, opening(day, "10:00", "11:00", "30", "1")).await, Err((401, _))));
        let settle = AgentSettle { appointment: 1, outcome: Outcome::NoShow };
        assert!(matches!(app.call_fn(&sofia, settle).await, Err((401, _))));

        // Another prefecture's agent sees none of these slots, and its slots are not offered here.
        let lille = app.agent("agent.lille@demo.localhost").await;
        let theirs = app.call_fn(&lille, AgentDay { day: day.to_string() }).await.expect("lille's day");
        assert!(theirs.slots.is_empty());
        let lille_day = app.call_fn(&lille, opening(day, "08:00", "08:30", "30", "5")).await.expect("lille opens");
        assert_eq!(lille_day.slots.len(), 1);
        let lille_slot = collection_slot::Entity::find()
            .filter(collection_slot::Column::StartMinute.eq(480))
            .one(&app.state.db)
            .await
            .expect("query")
            .expect("slot");
        let elsewhere = app.call_fn(&sofia, BookSlot { id: id.clone(), slot: lille_slot.id }).await;
        assert!(matches!(elsewhere, Err((422, _))), "another prefecture's slot: {elsewhere:?}");
        app.finish().await;
    }
}

#[tokio::test]
async fn fifty_bookings_at_once_never_exceed_a_slot_capacity() {
    for backend in backends() {
        let app = TestApp::with_demo_people(backend).await;
        let (_, id, agent) = card_available(&app).await;
        let model = app.file(&id).await;
        let prefecture_id = model.prefecture_id.expect("routed");
        // Fifty files whose cards are available (copies of the real one).
        let mut files = Vec::new();
        for n in 0..50 {
            let mut copy: application::ActiveModel = model.clone().into();
            copy.id = NotSet;
            copy.public_id = Set(format!("{}-{n}", model.public_id));
            copy.file_number = Set(model.file_number.as_ref().map(|number| format!("{number}-{n}")));
            files.push(copy.insert(&app.state.db).await.expect("copy").id);
        }
        app.call_fn(&agent, opening(app.state.clock.today().add_days(5), "09:00", "09:20", "20", "7")).await.expect("open");
        let slot = collection_slot::Entity::find()
            .filter(collection_slot::Column::PrefectureId.eq(prefecture_id))
            .one(&app.state.db)
            .await
            .expect("query")
            .expect("slot");

        let attempts = files.iter().map(|file| {
            let (db, clock, file, slot) = (app.state.db.clone(), app.state.clock.clone(), *file, slot.id);
            tokio::spawn(async move { server::appointments::book(&db, &clock, file, prefecture_id, slot).await })
        });
        let results = futures::future::join_all(attempts).await;
        let mut booked = 0;
        for result in results {
            match result.expect("task") {
                Ok(_) => booked += 1,
                Err(BookingError::SlotUnavailable) => {}
                Err(other) => panic!("{backend:?}: {other:?}"),
            }
        }
        assert_eq!(booked, 7, "{backend:?}");
        assert_eq!(slot_booked(&app, slot.id).await, 7);
        let standing = appointment::Entity::find()
            .filter(appointment::Column::SlotId.eq(slot.id))
            .filter(appointment::Column::ActiveApplicationId.is_not_null())
            .all(&app.state.db)
            .await
            .expect("bookings");
        assert_eq!(standing.len(), 7);
        app.finish().await;
    }
}
