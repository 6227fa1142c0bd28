"""Sign-in, sign-out and the applicant's self sign-up."""

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from django.views.i18n import set_language

from accounts import services
from accounts.forms import SignUpForm


class SignUpView(FormView):
    template_name = "accounts/signup.html"
    form_class = SignUpForm

    def form_valid(self, form):
        user = services.applicant_sign_up(
            email=form.cleaned_data["email"], password=form.cleaned_data["password1"]
        )
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        # Straight to the company profile: nothing can be drafted without it.
        return redirect("approvals:company")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@require_POST
def language_view(request):
    """Django's set_language (the cookie), and for a signed-in user the choice is kept on the
    account too: it follows them to another browser and decides the language of their e-mails."""
    response = set_language(request)
    chosen = request.POST.get("language")
    user = request.user
    if user.is_authenticated and chosen in dict(settings.LANGUAGES) and user.language != chosen:
        user.language = chosen
        user.save(update_fields=["language"])
    return response


signup_view = SignUpView.as_view()
login_view = LoginView.as_view()
logout_view = auth_views.LogoutView.as_view()
terms_view = TemplateView.as_view(template_name="accounts/terms.html")


def source_view(request):
    """AGPL-3.0 §13: every user of the service is offered the source it runs."""
    context = {"source_url": settings.KAKUSHIN_SOURCE_URL, "contact": settings.DEFAULT_FROM_EMAIL}
    return render(request, "accounts/source.html", context)
