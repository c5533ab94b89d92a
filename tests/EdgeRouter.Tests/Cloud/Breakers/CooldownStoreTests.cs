using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Cloud.Breakers;

public sealed class CooldownStoreTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly HealthEvents _events = new();
    private readonly List<HealthEvent> _raised = [];

    private CooldownStore NewStore() =>
        new(new CooldownConfig { Throttle = TimeSpan.FromSeconds(30), MaxThrottle = TimeSpan.FromSeconds(120), CredentialDisable = TimeSpan.FromHours(1) },
            _time, _events);

    public CooldownStoreTests() => _events.Raised += _raised.Add;

    [Fact]
    public void Impose_NoHint_UsesDefaultThrottle()
    {
        var store = NewStore();
        store.Impose("key-a", CooldownKind.Throttle, null, "429");
        Assert.Equal(TimeSpan.FromSeconds(30), store.Remaining("key-a"));
    }

    [Fact]
    public void Impose_ShorterRetryAfter_NeverShortensActiveCooldown()
    {
        var store = NewStore();
        store.Impose("key-a", CooldownKind.Throttle, TimeSpan.FromSeconds(60), "first");
        _time.Advance(TimeSpan.FromSeconds(10));

        var now = store.Impose("key-a", CooldownKind.Throttle, TimeSpan.FromSeconds(1), "second");

        Assert.Equal(TimeSpan.FromSeconds(50), store.Remaining("key-a"));
        Assert.Equal("first", now.Reason);
    }

    [Fact]
    public void Impose_LongerRetryAfter_ExtendsIt()
    {
        var store = NewStore();
        store.Impose("key-a", CooldownKind.Throttle, TimeSpan.FromSeconds(40), "first");
        _time.Advance(TimeSpan.FromSeconds(10));

        store.Impose("key-a", CooldownKind.Throttle, TimeSpan.FromSeconds(90), "second");

        Assert.Equal(TimeSpan.FromSeconds(90), store.Remaining("key-a"));
        Assert.Equal(2, _raised.Count(e => e.Kind == HealthEventKind.Cooldown));
    }

    [Fact]
    public void Impose_HugeRetryAfter_IsCapped()
    {
        var store = NewStore();
        store.Impose("key-a", CooldownKind.Throttle, TimeSpan.FromDays(1), "429");
        Assert.Equal(TimeSpan.FromSeconds(120), store.Remaining("key-a"));
    }

    [Fact]
    public void Impose_RetryAfterBelowMinimum_UsesMinimum()
    {
        var store = NewStore();
        store.Impose("key-a", CooldownKind.Throttle, TimeSpan.FromSeconds(2), "429");
        Assert.Equal(TimeSpan.FromSeconds(30), store.Remaining("key-a"));
    }

    [Fact]
    public void Active_ExpiresWithTheClock()
    {
        var store = NewStore();
        store.Impose("key-a", CooldownKind.Throttle, null, "429");
        _time.Advance(TimeSpan.FromSeconds(29.9));
        Assert.NotNull(store.Active("key-a"));
        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Null(store.Active("key-a"));
    }

    [Fact]
    public void Impose_OtherDomain_IsUnaffected()
    {
        var store = NewStore();
        store.Impose("key-a", CooldownKind.Throttle, null, "429");
        Assert.Null(store.Active("key-b"));
    }

    [Fact]
    public void Impose_Credential_DisablesLongAndRaisesEvent()
    {
        var store = NewStore();
        store.Impose("key-a", CooldownKind.CredentialDisabled, TimeSpan.FromSeconds(1), "401");

        Assert.Equal(TimeSpan.FromHours(1), store.Remaining("key-a"));
        var raised = Assert.Single(_raised);
        Assert.Equal(HealthEventKind.CredentialDisabled, raised.Kind);
        Assert.Equal("key-a", raised.Subject);
    }

    [Fact]
    public void Impose_ThrottleDuringCredentialDisable_KeepsTheLongerDisable()
    {
        var store = NewStore();
        store.Impose("key-a", CooldownKind.CredentialDisabled, null, "401");
        var now = store.Impose("key-a", CooldownKind.Throttle, TimeSpan.FromSeconds(60), "429");

        Assert.Equal(CooldownKind.CredentialDisabled, now.Kind);
        Assert.Single(_raised);
    }
}
