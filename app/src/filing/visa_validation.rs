//! "Je valide mon VLS-TS" (seed 004's home tile): what the validation is, what to prepare, and
//! "Je commence", which opens the validation's draft, or says why it is not open to this account
//! (not a VLS-TS, or validated already). Rules: `docs/vls-ts.md`.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::wizard::PREAMBLE;
use super::{orientation, paths, start_application, RequestKind};
use crate::accounts::paths as account_paths;
use crate::components::alert::ErrorAlert;
use crate::components::forms::{ErrorSummary, FormErrors};
use crate::domain::catalogue::vls_ts;
use crate::i18n::{use_i18n, Msg};
use crate::procedures::ApplicantPage;

#[component]
pub fn VisaValidationPage() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = crate::layout::Navigator::new();
    let form = FormErrors::new();
    let pending = RwSignal::new(false);
    // The document the registers know the account by (and, for a visitor, the login page).
    let held = Resource::new(|| (), |_| orientation());
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        pending.set(true);
        spawn_local(async move {
            // A visa holder asks for a first title: the validation is started the same way.
            match start_application(vls_ts::PROCEDURE.id.into(), RequestKind::Premiere, None).await {
                Ok(id) => navigate.go(&paths::step(&id, PREAMBLE)),
                Err(error) => {
                    pending.set(false);
                    form.show(error);
                }
            }
        });
    };
    view! {
        <ApplicantPage title=Msg::VisaValidationTitle return_to=paths::VISA_VALIDATION trail=vec![(Msg::ProceduresTitle, account_paths::PROCEDURES)]>
            <p class="fr-text--lead">{i18n.t(Msg::VisaValidationIntro)}</p>
            <Suspense fallback=|| ()>
                {move || held.get().map(|loaded| match loaded {
                    Ok(view) => view.current_label.zip(view.current_mention).map(|(label, mention)| view! {
                        <p class="fr-callout">{i18n.fill(Msg::OrientationCurrent, &[("label", &label), ("mention", &mention)])}</p>
                    }).into_any(),
                    Err(error) => view! { <ErrorAlert error/> }.into_any(),
                })}
            </Suspense>
            <h2 class="fr-h4">{i18n.t(Msg::VisaValidationPrepareTitle)}</h2>
            <ul>
                <li>{i18n.t(Msg::VisaValidationPrepareArrival)}</li>
                <li>{i18n.t(Msg::VisaValidationPrepareAddress)}</li>
                <li>
                    {i18n.t(Msg::VisaValidationPrepareStamp)}" "
                    <a href="https://timbres.impots.gouv.fr" rel="external">"timbres.impots.gouv.fr"</a>
                </li>
            </ul>
            <form on:submit=start novalidate class="fr-mt-4w">
                <ErrorSummary form prefix="validation" labels=vec![("procedure", Msg::VisaValidationTitle)]/>
                <button type="submit" class="fr-btn" disabled=move || pending.get()>{i18n.t(Msg::VisaValidationStart)}</button>
            </form>
        </ApplicantPage>
    }
}
