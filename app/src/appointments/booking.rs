//! `/compte/demandes/:id/rendez-vous`: where and when to collect the card. The standing
//! appointment (with its calendar file, and until the day before, move and cancel), then the
//! free slots by day as radio buttons.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use super::{book_slot, cancel_booking, load_booking, paths, BookingView};
use crate::components::alert::ErrorAlert;
use crate::components::forms::{ErrorSummary, FormErrors, SubmitButton};
use crate::domain::appointments::fields;
use crate::domain::validation::{FieldError, FieldErrors, ValidationError};
use crate::i18n::{use_i18n, Msg};
use crate::procedures::ApplicantPage;

#[component]
pub fn BookingPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let booking = Resource::new(move || id.get(), load_booking);
    let account = crate::domain::notifications::paths::ACCOUNT;
    view! {
        <ApplicantPage title=Msg::BookingTitle return_to=account trail=vec![(Msg::AccountTitle, account)]>
            <Suspense fallback=move || view! { <p>{i18n.t(Msg::Loading)}</p> }>
                {move || booking.get().map(|loaded| match loaded {
                    Ok(view) => view! { <Booking booking=view/> }.into_any(),
                    Err(error) => view! { <ErrorAlert error/> }.into_any(),
                })}
            </Suspense>
        </ApplicantPage>
    }
}

#[component]
fn Booking(booking: BookingView) -> impl IntoView {
    let i18n = use_i18n();
    let booking = RwSignal::new(booking);
    let id = booking.with_untracked(|b| b.id.clone());
    let chosen = RwSignal::new(None::<i32>);
    let form = FormErrors::new();
    let pending = RwSignal::new(false);
    let notice = RwSignal::new(None::<Msg>);

    let on_submit = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            notice.set(None);
            let Some(slot) = chosen.get_untracked() else {
                form.show_fields(FieldErrors(vec![FieldError::new(fields::SLOT, ValidationError::Required)]));
                return;
            };
            form.clear();
            pending.set(true);
            let moving = booking.with_untracked(|b| b.standing.is_some());
            let id = id.clone();
            spawn_local(async move {
                let result = book_slot(id, slot).await;
                pending.set(false);
                match result {
                    Ok(updated) => {
                        booking.set(updated);
                        chosen.set(None);
                        notice.set(Some(if moving { Msg::BookingMoved } else { Msg::BookingDone }));
                    }
                    Err(error) => form.show(error),
                }
            });
        }
    };
    let cancel = move |_| {
        notice.set(None);
        pending.set(true);
        let id = id.clone();
        spawn_local(async move {
            let result = cancel_booking(id).await;
            pending.set(false);
            match result {
                Ok(updated) => {
                    booking.set(updated);
                    notice.set(Some(Msg::BookingCancelled));
                }
                Err(error) => form.show(error),
            }
        });
    };

    view! {
        {move || booking.with(|b| view! {
            <p>{i18n.fill(Msg::BookingIntro, &[("number", &b.file_number), ("office", &b.office)])}</p>
        })}
        {move || notice.get().map(|msg| view! {
            <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-2w" role="status"><p>{i18n.t(msg)}</p></div>
        })}
        {move || booking.with(|b| b.standing.clone()).map(|standing| {
            let calendar = booking.with_untracked(|b| paths::calendar(&b.id));
            view! {
                <div class="fr-callout fr-mb-3w booking-standing">
                    <h2 class="fr-callout__title">{i18n.t(Msg::BookingStandingTitle)}</h2>
                    <p class="fr-callout__text">{i18n.fill(Msg::BookingStanding, &[("day", &standing.day), ("time", &standing.time)])}</p>
                    <p><a class="fr-link fr-link--download" href=calendar rel="external" download="rendez-vous.ics">{i18n.t(Msg::BookingCalendar)}</a></p>
                    {if standing.can_change {
                        view! {
                            <p class="fr-text--sm">{i18n.t(Msg::BookingChangeHint)}</p>
                            <button type="button" class="fr-btn fr-btn--secondary fr-btn--sm" disabled=move || pending.get() on:click=cancel.clone()>
                                {i18n.t(Msg::BookingCancel)}
                            </button>
                        }.into_any()
                    } else {
                        view! { <p class="fr-text--sm">{i18n.t(Msg::BookingTooLate)}</p> }.into_any()
                    }}
                </div>
            }
        })}
        {move || {
            let (can_book, days, standing) = booking.with(|b| (b.can_book, b.days.clone(), b.standing.clone()));
            if !can_book {
                return view! { <p class="fr-alert fr-alert--info fr-alert--sm">{i18n.t(Msg::BookingNotYet)}</p> }.into_any();
            }
            if standing.as_ref().is_some_and(|s| !s.can_change) {
                return ().into_any();
            }
            if days.is_empty() {
                return view! { <p class="fr-alert fr-alert--info fr-alert--sm booking-none">{i18n.t(Msg::BookingNoSlot)}</p> }.into_any();
            }
            let legend = if standing.is_some() { Msg::BookingMoveLegend } else { Msg::BookingLegend };
            view! {
                <form on:submit=on_submit.clone() novalidate>
                    <ErrorSummary form prefix="rdv" labels=vec![(fields::SLOT, Msg::BookingLegend)]/>
                    <fieldset class="fr-fieldset" id="rdv-slot" tabindex="-1" aria-describedby="rdv-slot-messages"
                        class:fr-fieldset--error=move || form.field(fields::SLOT).with(Option::is_some)>
                        <legend class="fr-fieldset__legend">{i18n.t(legend)}</legend>
                        {days.into_iter().map(|day| view! {
                            <div class="fr-fieldset__element booking-day">
                                <p class="fr-text--md fr-mb-1w"><strong>{day.day.clone()}</strong></p>
                                <div class="booking-slots">
                                    {day.slots.into_iter().map(|slot| {
                                        let input_id = format!("rdv-{}", slot.id);
                                        let left = i18n.fill(Msg::BookingPlacesLeft, &[("count", &slot.places_left.to_string())]);
                                        view! {
                                            <div class="fr-radio-group">
                                                <input type="radio" id=input_id.clone() name="creneau" value=slot.id
                                                    prop:checked=move || chosen.get() == Some(slot.id)
                                                    on:change=move |_| chosen.set(Some(slot.id))/>
                                                <label class="fr-label" for=input_id>
                                                    {format!("{} – {}", day.day, slot.time)}
                                                    <span class="fr-hint-text">{left}</span>
                                                </label>
                                            </div>
                                        }
                                    }).collect_view()}
                                </div>
                            </div>
                        }).collect_view()}
                        <div class="fr-messages-group" id="rdv-slot-messages" aria-live="polite">
                            {move || form.field(fields::SLOT).get().map(|m| view! { <p class="fr-error-text">{m}</p> })}
                        </div>
                    </fieldset>
                    <SubmitButton label=i18n.t(if standing.is_some() { Msg::BookingMove } else { Msg::BookingBook }) pending/>
                </form>
            }.into_any()
        }}
    }
}
