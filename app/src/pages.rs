//! The pages whose code the browser downloads only when it shows one of them.
//!
//! The wasm is split at one function per area (`cargo leptos build --split`): an applicant's
//! first load carries the layout, the home and the login page; the applicant's area (wizard,
//! account, messages), the back-office, and the public information and account recovery pages
//! each come as a chunk of their own the first time one of their pages is shown. The server
//! names the chunks a page needs in its `<head>`, so they load alongside the main bundle. Areas
//! rather than pages: the split tool puts the code two split points share in a chunk of its
//! own, and with a point per page a wizard step took 197 small downloads. Figures in
//! docs/performance.md.

use leptos::prelude::{AnyView, IntoAny};

/// An area: its pages (a route type each, naming the page's component) and the one lazily
/// loaded function that renders any of them. `$preload` is the function `#[lazy]` generates
/// beside `$area` in the browser (`__preload_` and its name, as `#[lazy_route]` relies on): a
/// route's `preload` awaits it, so hydration finds the page's code already there.
macro_rules! lazy_area {
    ($(#[$doc:meta])* $area:ident / $preload:ident, $page_enum:ident { $($route:ident => $page:path),* $(,)? }) => {
        #[derive(Clone, Copy)]
        enum $page_enum {
            $($route,)*
        }

        $(#[$doc])*
        #[leptos::lazy]
        fn $area(page: $page_enum) -> AnyView {
            match page {
                $($page_enum::$route => $page().into_any(),)*
            }
        }

        $(
            pub struct $route;

            impl leptos_router::LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_this: Self) -> AnyView {
                    $area($page_enum::$route).await
                }

                async fn preload() {
                    #[cfg(feature = "hydrate")]
                    $preload().await;
                }
            }
        )*
    };
}

lazy_area! {
    /// The applicant's pages behind the login: procedures, the wizard, the account.
    applicant_pages / __preload_applicant_pages, ApplicantPage {
        ChangePassword => crate::accounts::ChangePasswordPage,
        Account => crate::accounts::page::AccountPage,
        Notifications => crate::accounts::page::NotificationsPage,
        OpenNotification => crate::accounts::page::OpenNotificationPage,
        ConfirmEmail => crate::accounts::page::ConfirmEmailPage,
        Procedures => crate::procedures::ProceduresPage,
        Orientation => crate::filing::orientation::OrientationPage,
        VisaValidation => crate::filing::visa_validation::VisaValidationPage,
        Complement => crate::filing::complement::ComplementPage,
        Wizard => crate::filing::wizard::WizardPage,
        Messages => crate::messages::MessagesPage,
        Booking => crate::appointments::BookingPage,
        Correction => crate::corrections::CorrectionPage,
    }
}

lazy_area! {
    /// The back-office: an applicant never downloads it.
    back_office_pages / __preload_back_office_pages, BackOfficePage {
        AgentLogin => crate::instruction::login::AgentLoginPage,
        AgentPassword => crate::instruction::login::AgentPasswordPage,
        AgentCode => crate::instruction::second_factor::AgentCodePage,
        AgentTwoStep => crate::instruction::second_factor::AgentTwoStepPage,
        Queue => crate::instruction::queue::QueuePageView,
        AgentFile => crate::instruction::AgentFilePage,
        AgentAppointments => crate::appointments::AgentAppointmentsPage,
        AgentAdmin => crate::instruction::admin::AgentAdminPage,
    }
}

lazy_area! {
    /// Account creation and recovery, help, and the public services (checking a document,
    /// processing times).
    public_pages / __preload_public_pages, PublicPage {
        SignupEmail => crate::accounts::SignupEmailPage,
        SignupDone => crate::accounts::SignupDonePage,
        Activation => crate::accounts::ActivationPage,
        ForgotPassword => crate::accounts::ForgotPasswordPage,
        ResetPassword => crate::accounts::ResetPasswordPage,
        Help => crate::help::HelpPage,
        WhichCase => crate::help::WhichCasePage,
        Verify => crate::lawful_stay::verify::VerifyPage,
        Delays => crate::tracker::DelaysPage,
        Contact => crate::help::ContactPage,
        Legal => crate::help::LegalPage,
        Privacy => crate::help::PrivacyPage,
        Accessibility => crate::help::AccessibilityPage,
    }
}
