//! The applicant's filing area ("Mes démarches"): the way into a new application and the list
//! of the applicant's files with their status.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::accounts::paths;
use crate::components::alert::ErrorAlert;
use crate::components::table::DataTable;
use crate::domain::catalogue;
use crate::domain::lifecycle::FileStatus;
use crate::filing::{my_applications, paths as filing_paths, ApplicationSummary};
use crate::i18n::{use_i18n, Msg};
use crate::layout::{use_session, BreadcrumbTrail, PageTitle};

/// Renders `children` for a logged-in applicant; otherwise sends to the login page (or to the
/// password change when a temporary password must be replaced first).
#[component]
pub fn RequireApplicant(return_to: &'static str, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| ()>
            {move || session.0.get().map(|user| match user {
                Ok(Some(user)) if user.must_change_password => view! { <Redirect path=paths::CHANGE_PASSWORD/> }.into_any(),
                Ok(Some(_)) => children.with_value(|c| c()).into_any(),
                _ => view! { <Redirect path=format!("{}?retour={}", paths::LOGIN, return_to)/> }.into_any(),
            })}
        </Suspense>
    }
}

/// The frame of an applicant's page: its title in the tab, the login check, the breadcrumb
/// (home first) and the heading, unless the content brings its own.
#[component]
pub fn ApplicantPage(
    title: Msg,
    return_to: &'static str,
    /// The pages between home and this one (this one is added last).
    #[prop(optional)]
    trail: Vec<(Msg, &'static str)>,
    #[prop(default = true)] heading: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let children = StoredValue::new(children);
    view! {
        <PageTitle title/>
        <RequireApplicant return_to>
            <div class="fr-container fr-my-4w">
                <BreadcrumbTrail title trail=trail.clone()/>
                {heading.then(|| view! { <h1>{i18n.t(title)}</h1> })}
                {children.with_value(|c| c())}
            </div>
        </RequireApplicant>
    }
}

#[component]
pub fn ProceduresPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let files = Resource::new(|| (), |_| my_applications());
    let notice = crate::lawful_stay::notice::renewal_notice_resource();
    view! {
        <ApplicantPage title=Msg::ProceduresTitle return_to=paths::PROCEDURES>
            {move || session.0.get().and_then(|u| u.ok().flatten()).map(|user| view! {
                <p class="fr-text--lead">{i18n.fill(Msg::ProceduresWelcome, &[("name", &user.display_name)])}</p>
                {(!user.has_numero_etranger).then(|| view! {
                    <div class="fr-notice fr-notice--info fr-mb-3w">
                        <div class="fr-container"><div class="fr-notice__body">
                            <p class="fr-notice__title">{i18n.t(Msg::ProceduresVisaHolderNote)}</p>
                        </div></div>
                    </div>
                })}
            })}
            <crate::lawful_stay::notice::RenewalNoticeLoader notice/>
            <section class="fr-mt-4w" aria-labelledby="start-title">
                <h2 id="start-title">{i18n.t(Msg::ProceduresStartTitle)}</h2>
                <p>{i18n.t(Msg::ProceduresStartText)}</p>
                <a class="fr-btn fr-icon-arrow-right-line fr-btn--icon-right" href=filing_paths::NEW>{i18n.t(Msg::ProceduresNew)}</a>
            </section>
            <section class="fr-mt-6w" aria-labelledby="files-title">
                <h2 id="files-title">{i18n.t(Msg::ProceduresMyFiles)}</h2>
                <Suspense fallback=|| ()>
                    {move || files.get().map(|loaded| match loaded {
                        Ok(list) if list.is_empty() => view! { <p>{i18n.t(Msg::ProceduresNone)}</p> }.into_any(),
                        Ok(list) => view! { <FilesTable list/> }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                    })}
                </Suspense>
            </section>
        </ApplicantPage>
    }
}

/// The name of a document issued for a file, by its kind.
pub fn issued_label(kind: &str) -> Msg {
    match kind {
        "confirmation_depot" => Msg::ProceduresReceipt,
        "attestation_validation_vls_ts" => Msg::ProceduresVisaValidation,
        "attestation_decision_favorable" => Msg::ProceduresAttestation,
        "attestation_prolongation_instruction" => Msg::ProceduresProlongation,
        "avis_mise_a_disposition" => Msg::ProceduresCardReady,
        "decision_refus" => Msg::ProceduresRefusal,
        crate::corrections::ADDENDUM => Msg::IssuedAddendum,
        _ => Msg::ProceduresDocument,
    }
}

/// The status badge of a file: its label, and a colour saying whether it waits, moves on or ended.
#[component]
pub fn StatusBadge(status: FileStatus) -> impl IntoView {
    let label = status.label().get(use_i18n().lang());
    let badge = match status {
        FileStatus::Brouillon => "fr-badge--new",
        FileStatus::Abandonnee | FileStatus::Cloturee => "",
        FileStatus::Refusee => "fr-badge--error",
        FileStatus::ComplementDemande | FileStatus::CorrectionDemandee => "fr-badge--warning",
        FileStatus::Deposee
        | FileStatus::EnInstruction
        | FileStatus::DecisionFavorable
        | FileStatus::TitreEnFabrication
        | FileStatus::TitreDisponible
        | FileStatus::Remis
        | FileStatus::VlsTsValide => "fr-badge--success",
    };
    view! { <p class=format!("fr-badge fr-badge--sm {badge}")>{label}</p> }
}

/// The applicant's files with their status; a draft resumes, a filed one shows its receipt.
#[component]
fn FilesTable(list: Vec<ApplicationSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let rows = list
        .into_iter()
        .map(|file| {
            let title = catalogue::procedure(&file.procedure).map(|p| p.title.get(lang)).unwrap_or_default();
            let action = match file.status {
                FileStatus::Brouillon => Some(view! {
                    <a class="fr-link" href=filing_paths::step(&file.id, &file.current_step)>{i18n.t(Msg::ProceduresResume)}</a>
                }.into_any()),
                FileStatus::ComplementDemande => Some(view! {
                    <a class="fr-btn fr-btn--sm" href=crate::filing::complement::path(&file.id)>{i18n.t(Msg::ProceduresAnswerComplement)}</a>
                }.into_any()),
                FileStatus::CorrectionDemandee => Some(view! {
                    <a class="fr-btn fr-btn--sm" href=crate::corrections::paths::page(&file.id)>{i18n.t(Msg::CorrectionAnswer)}</a>
                }.into_any()),
                _ => Some(file.issued.iter().map(|kind| {
                    let label = i18n.t(issued_label(kind));
                    view! {
                        <a class="fr-link fr-link--download issued-link" href=filing_paths::issued(&file.id, kind) rel="external" download>{label}</a>
                    }
                }).collect_view().into_any()),
            };
            view! {
                <tr>
                    <td>{title}</td>
                    <td><StatusBadge status=file.status/></td>
                    <td>{file.file_number.unwrap_or_default()}</td>
                    <td>{file.submitted_on.map(|d| crate::domain::date::Date::parse_iso(&d).map(|d| d.to_french()).unwrap_or(d)).unwrap_or_default()}</td>
                    <td>{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            caption=Msg::ProceduresMyFiles
            hidden_caption=true
            columns=vec![
                Msg::ProceduresColProcedure,
                Msg::ProceduresColStatus,
                Msg::ProceduresColNumber,
                Msg::ProceduresColDate,
                Msg::ProceduresColAction,
            ]
        >
            {rows}
        </DataTable>
    }
}
