//! `/agent/rendez-vous?jour=YYYY-MM-DD`: the prefecture's collection slots. The day list (who
//! comes at what time, marked "titre remis" or "absent"), the next days with slots, and the form
//! to open slots.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use super::{agent_day, agent_open_slots, agent_settle, paths, AgentDayView};
use crate::components::alert::ErrorAlert;
use crate::components::forms::{ErrorSummary, FormErrors, SubmitButton, TextInput};
use crate::components::table::DataTable;
use crate::domain::appointments::{fields, validate_opening, OpeningInput, Outcome, CAPACITY_MAX, LENGTH_MAX};
use crate::domain::date::Date;
use crate::i18n::{use_i18n, Msg};
use crate::instruction::unauthenticated;
use crate::layout::PageTitle;

#[component]
pub fn AgentAppointmentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let day = Memo::new(move |_| query.with(|q| q.get("jour").unwrap_or_default()));
    let data = Resource::new(move || day.get(), agent_day);
    view! {
        <PageTitle title=Msg::AgentAppointmentsTitle/>
        <div class="fr-container fr-my-4w">
            <p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href=crate::instruction::paths::QUEUE>{i18n.t(Msg::AgentBackToQueue)}</a></p>
            <h1>{i18n.t(Msg::AgentAppointmentsTitle)}</h1>
            <Suspense fallback=|| ()>
                {move || data.get().map(|loaded| match loaded {
                    Ok(view) => view! { <DayPage view/> }.into_any(),
                    Err(error) => {
                        unauthenticated(&error);
                        view! { <ErrorAlert error/> }.into_any()
                    }
                })}
            </Suspense>
        </div>
    }
}

fn french(iso: &str) -> String {
    Date::parse_iso(iso).map(Date::to_french).unwrap_or_else(|_| iso.to_owned())
}

#[component]
fn DayPage(view: AgentDayView) -> impl IntoView {
    let i18n = use_i18n();
    let data = RwSignal::new(view);
    let form = FormErrors::new();
    let notice = RwSignal::new(None::<String>);
    let settle = move |appointment: i32, outcome: Outcome| {
        notice.set(None);
        spawn_local(async move {
            match agent_settle(appointment, outcome).await {
                Ok(updated) => {
                    form.clear();
                    data.set(updated);
                    notice.set(Some(i18n.t(Msg::AgentAppointmentSettled).to_owned()));
                }
                Err(error) => {
                    if !unauthenticated(&error) {
                        form.show(error);
                    }
                }
            }
        });
    };
    let today = data.with_untracked(|d| d.today);
    view! {
        <p class="fr-text--sm">{move || data.with(|d| d.prefecture.clone())}</p>
        <form method="get" action=paths::AGENT class="agent-filters fr-mb-3w">
            <div class="fr-input-group">
                <label class="fr-label" for="rdv-jour">{i18n.t(Msg::AgentAppointmentsDay)}</label>
                <input class="fr-input" type="date" id="rdv-jour" name="jour" value=data.with_untracked(|d| d.day.clone())/>
            </div>
            <button type="submit" class="fr-btn">{i18n.t(Msg::AgentAppointmentsShow)}</button>
        </form>
        <ErrorSummary form prefix="rdv-liste" labels=vec![]/>
        {move || notice.get().map(|text| view! {
            <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-2w" role="status"><p>{text}</p></div>
        })}
        {move || data.with(|d| {
            let title = i18n.fill(Msg::AgentAppointmentsOf, &[("day", &french(&d.day))]);
            if d.slots.is_empty() {
                return view! { <h2 class="fr-h4">{title}</h2><p>{i18n.t(Msg::AgentAppointmentsNone)}</p> }.into_any();
            }
            let rows = d.slots.iter().map(|slot| {
                let booked = slot.people.iter().filter(|p| p.outcome.is_none()).count();
                let people = slot.people.iter().map(|person| {
                    let id = person.appointment_id;
                    let outcome = person.outcome.map(|o| match o {
                        Outcome::HandedOver => i18n.t(Msg::AgentAppointmentHandedOver),
                        Outcome::NoShow => i18n.t(Msg::AgentAppointmentNoShow),
                    });
                    view! {
                        <li>
                            <a class="fr-link" href=crate::instruction::paths::file(&person.file_id)>{person.file_number.clone()}</a>
                            " – "{person.holder.clone()}
                            {match outcome {
                                Some(text) => view! { " " <span class="fr-badge fr-badge--sm fr-badge--info">{text}</span> }.into_any(),
                                None => view! {
                                    <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
                                        <li><button type="button" class="fr-btn fr-btn--sm" on:click=move |_| settle(id, Outcome::HandedOver)>
                                            {i18n.t(Msg::AgentAppointmentHandOver)}</button></li>
                                        <li><button type="button" class="fr-btn fr-btn--secondary fr-btn--sm" on:click=move |_| settle(id, Outcome::NoShow)>
                                            {i18n.t(Msg::AgentAppointmentMarkNoShow)}</button></li>
                                    </ul>
                                }.into_any(),
                            }}
                        </li>
                    }
                }).collect_view();
                view! {
                    <tr>
                        <td>{slot.time.clone()}</td>
                        <td>{format!("{booked} / {}", slot.capacity)}</td>
                        <td><ul class="agent-appointments">{people}</ul></td>
                    </tr>
                }
            }).collect_view();
            view! {
                <h2 class="fr-h4">{title}</h2>
                <DataTable
                    caption=Msg::AgentAppointmentsList
                    columns=vec![Msg::AgentAppointmentsTime, Msg::AgentAppointmentsBooked, Msg::AgentAppointmentsPeople]
                >
                    {rows}
                </DataTable>
            }.into_any()
        })}
        {move || data.with(|d| (!d.upcoming.is_empty()).then(|| view! {
            <h2 class="fr-h4 fr-mt-4w">{i18n.t(Msg::AgentAppointmentsUpcoming)}</h2>
            <ul class="agent-upcoming">
                {d.upcoming.iter().map(|(day, booked, open)| view! {
                    <li><a class="fr-link" href=format!("{}?jour={day}", paths::AGENT)>{french(day)}</a>
                        " – "{i18n.fill(Msg::AgentAppointmentsPlaces, &[("booked", &booked.to_string()), ("open", &open.to_string())])}</li>
                }).collect_view()}
            </ul>
        }))}
        <OpeningForm data today/>
    }
}

/// "Ouvrir des créneaux": a day, opening hours, a slot length and a capacity per slot.
#[component]
fn OpeningForm(data: RwSignal<AgentDayView>, today: Date) -> impl IntoView {
    let i18n = use_i18n();
    let (day, from, to) = (RwSignal::new(String::new()), RwSignal::new("09:00".to_owned()), RwSignal::new("12:00".to_owned()));
    let (length, capacity) = (RwSignal::new("15".to_owned()), RwSignal::new("2".to_owned()));
    let form = FormErrors::new();
    let pending = RwSignal::new(false);
    let opened = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        opened.set(false);
        let input = OpeningInput {
            day: day.get_untracked(),
            from: from.get_untracked(),
            to: to.get_untracked(),
            length: length.get_untracked(),
            capacity: capacity.get_untracked(),
        };
        // The server's rule, before the round trip.
        if let Err(errors) = validate_opening(&input, today) {
            form.show_fields(errors);
            return;
        }
        form.clear();
        pending.set(true);
        spawn_local(async move {
            let result = agent_open_slots(input).await;
            pending.set(false);
            match result {
                Ok(updated) => {
                    data.set(updated);
                    opened.set(true);
                }
                Err(error) => {
                    if !unauthenticated(&error) {
                        form.show(error);
                    }
                }
            }
        });
    };
    let labels = vec![
        (fields::DAY, Msg::AgentOpeningDay),
        (fields::FROM, Msg::AgentOpeningFrom),
        (fields::TO, Msg::AgentOpeningTo),
        (fields::LENGTH, Msg::AgentOpeningLength),
        (fields::CAPACITY, Msg::AgentOpeningCapacity),
    ];
    view! {
        <section class="fr-mt-4w" aria-labelledby="opening-title">
            <h2 class="fr-h4" id="opening-title">{i18n.t(Msg::AgentOpeningTitle)}</h2>
            <form on:submit=on_submit novalidate>
                <ErrorSummary form prefix="ouverture" labels/>
                {move || opened.get().then(|| view! {
                    <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-2w" role="status"><p>{i18n.t(Msg::AgentOpeningDone)}</p></div>
                })}
                <TextInput id="ouverture-day" label=i18n.t(Msg::AgentOpeningDay) value=day error=form.field(fields::DAY) input_type="date"/>
                <TextInput id="ouverture-from" label=i18n.t(Msg::AgentOpeningFrom) value=from error=form.field(fields::FROM) input_type="time"/>
                <TextInput id="ouverture-to" label=i18n.t(Msg::AgentOpeningTo) value=to error=form.field(fields::TO) input_type="time"/>
                <TextInput id="ouverture-length" label=i18n.t(Msg::AgentOpeningLength)
                    hint=i18n.fill(Msg::AgentOpeningLengthHint, &[("max", &LENGTH_MAX.to_string())])
                    value=length error=form.field(fields::LENGTH) inputmode="numeric"/>
                <TextInput id="ouverture-capacity" label=i18n.t(Msg::AgentOpeningCapacity)
                    hint=i18n.fill(Msg::AgentOpeningCapacityHint, &[("max", &CAPACITY_MAX.to_string())])
                    value=capacity error=form.field(fields::CAPACITY) inputmode="numeric"/>
                <SubmitButton label=i18n.t(Msg::AgentOpeningSubmit) pending/>
            </form>
        </section>
    }
}
