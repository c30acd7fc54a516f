using SessionBridge.State.Nats;

namespace SessionBridge.Tests.Store;

/// <summary>How SESSION_BRIDGE_NATS and its companions are read: no server needed.</summary>
public sealed class NatsSettingsSpecs : IDisposable
{
    private readonly TempDirectory _folder = new("nats-settings");

    private static NatsSettings? Read(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return NatsSettings.FromEnvironment(name => map.GetValueOrDefault(name));
    }

    private static StateException Refused(params (string Name, string Value)[] variables)
    {
        var read = () => Read(variables);
        return read.Should().Throw<StateException>().Which;
    }

    [Fact]
    public void Without_SESSION_BRIDGE_NATS_the_file_store_is_used()
    {
        // Act
        var unset = Read();
        var blank = Read(("SESSION_BRIDGE_NATS", "  "));

        // Assert
        unset.Should().BeNull();
        blank.Should().BeNull();
    }

    [Fact]
    public void I_can_give_a_list_of_servers_separated_by_commas()
    {
        // Act
        var settings = Read(("SESSION_BRIDGE_NATS", "nats://127.0.0.1:4222, nats://localhost:4223,tls://[::1]:4224"))!;

        // Assert
        settings.Servers.Select(s => s.ToString())
            .Should()
            .Equal("nats://127.0.0.1:4222/", "nats://localhost:4223/", "tls://[::1]:4224/");
        settings.HasCredentials.Should().BeFalse();
    }

    [Fact]
    public void An_address_without_a_port_or_scheme_gets_nats_and_the_default_port_4222()
    {
        // Act
        var settings = Read(("SESSION_BRIDGE_NATS", "127.0.0.1,nats://localhost"))!;

        // Assert
        settings.Servers.Select(s => s.ToString()).Should().Equal("nats://127.0.0.1:4222/", "nats://localhost:4222/");
    }

    [Fact]
    public void A_user_and_password_in_the_address_are_taken_out_of_it_and_unescaped()
    {
        // Act
        var settings = Read(("SESSION_BRIDGE_NATS", "nats://sb%2Bteam:p%40ss%3Aw0rd%2F@10.0.0.5:4222"))!;

        // Assert
        settings.User.Should().Be("sb+team");
        settings.Password.Should().Be("p@ss:w0rd/");
        settings.Token.Should().BeNull();
        settings.Servers.Should().ContainSingle().Which.ToString().Should().Be("nats://10.0.0.5:4222/");
        settings.HasCredentials.Should().BeTrue();
    }

    [Fact]
    public void A_token_in_the_address_is_taken_out_of_it()
    {
        // Act
        var settings = Read(("SESSION_BRIDGE_NATS", "nats://s3cr3t%21token@nats.example.com"))!;

        // Assert
        settings.Token.Should().Be("s3cr3t!token");
        settings.User.Should().BeNull();
        settings.Password.Should().BeNull();
        settings.Servers.Should().ContainSingle().Which.ToString().Should().Be("nats://nats.example.com:4222/");
    }

    [Theory]
    [InlineData("http://127.0.0.1:4222")]
    [InlineData("ws://127.0.0.1:4222")]
    [InlineData("nats://")]
    public void An_address_that_is_not_a_NATS_address_is_refused_saying_what_to_give(string address)
    {
        // Act
        var refused = Refused(("SESSION_BRIDGE_NATS", address));

        // Assert
        refused.Message.Should().Contain("SESSION_BRIDGE_NATS").And.Contain("not a NATS address").And.Contain("nats://host:4222");
    }

    [Fact]
    public void A_list_that_names_no_server_is_refused()
    {
        // Act
        var refused = Refused(("SESSION_BRIDGE_NATS", " , ,"));

        // Assert
        refused.Message.Should().Contain("names no server").And.Contain("nats://host:4222");
    }

    [Fact]
    public void A_missing_creds_file_is_refused_naming_it()
    {
        // Arrange
        var missing = _folder.Combine("team.creds");

        // Act
        var refused = Refused(("SESSION_BRIDGE_NATS", "nats://127.0.0.1:4222"), ("SESSION_BRIDGE_NATS_CREDS", missing));

        // Assert
        refused.Message.Should().Contain("SESSION_BRIDGE_NATS_CREDS").And.Contain(missing).And.Contain("does not exist");
    }

    [Fact]
    public void A_missing_CA_file_is_refused_naming_it()
    {
        // Arrange
        var missing = _folder.Combine("ca.pem");

        // Act
        var refused = Refused(("SESSION_BRIDGE_NATS", "tls://127.0.0.1:4222"), ("SESSION_BRIDGE_NATS_CA", missing));

        // Assert
        refused.Message.Should().Contain("SESSION_BRIDGE_NATS_CA").And.Contain(missing).And.Contain("CA certificate");
    }

    [Fact]
    public void A_creds_file_and_a_CA_file_that_exist_are_taken()
    {
        // Arrange
        var creds = _folder.Combine("team.creds");
        var ca = _folder.Combine("ca.pem");
        File.WriteAllText(creds, "creds");
        File.WriteAllText(ca, "ca");

        // Act
        var settings = Read(
            ("SESSION_BRIDGE_NATS", "tls://nats.example.com:4222"),
            ("SESSION_BRIDGE_NATS_CREDS", creds),
            ("SESSION_BRIDGE_NATS_CA", ca)
        )!;

        // Assert
        settings.CredsFile.Should().Be(creds);
        settings.CaFile.Should().Be(ca);
        settings.HasCredentials.Should().BeTrue();
    }

    [Fact]
    public void The_team_is_default_unless_named_and_the_host_is_this_machine_unless_named()
    {
        // Act
        var unnamed = Read(("SESSION_BRIDGE_NATS", "127.0.0.1"))!;
        var named = Read(("SESSION_BRIDGE_NATS", "127.0.0.1"), ("SESSION_BRIDGE_TEAM", "shop_2"), ("SESSION_BRIDGE_HOST", "dev-box"))!;

        // Assert
        unnamed.Team.Should().Be("default");
        unnamed.Host.Should().Be(NatsSettings.HostName());
        NatsSettings.IsName(unnamed.Host).Should().BeTrue();
        named.Team.Should().Be("shop_2");
        named.Host.Should().Be("dev-box");
    }

    [Theory]
    [InlineData("SESSION_BRIDGE_TEAM", "my team")]
    [InlineData("SESSION_BRIDGE_TEAM", "shop.a")]
    [InlineData("SESSION_BRIDGE_HOST", "laptop.local")]
    [InlineData("SESSION_BRIDGE_HOST", "a-name-far-longer-than-thirty-two-chars")]
    public void A_team_or_host_name_that_could_not_name_a_bucket_or_subject_is_refused(string variable, string value)
    {
        // Act
        var refused = Refused(("SESSION_BRIDGE_NATS", "127.0.0.1"), (variable, value));

        // Assert
        refused.Message.Should().Contain(variable).And.Contain(value).And.Contain("1 to 32 letters, digits, '-' or '_'");
    }

    [Theory]
    [InlineData("nats://10.0.0.5:4222")]
    [InlineData("nats://127.0.0.1:4222,nats.example.com")]
    public void A_server_off_loopback_without_credentials_is_refused_saying_what_to_set(string address)
    {
        // Act
        var refused = Refused(("SESSION_BRIDGE_NATS", address));

        // Assert
        refused.Message.Should().Contain("not this machine").And.Contain("no credentials");
        refused.Message.Should().Contain("nats://user:password@").And.Contain("SESSION_BRIDGE_NATS_CREDS");
    }

    [Fact]
    public void A_server_off_loopback_with_credentials_is_taken()
    {
        // Act
        var withPassword = Read(("SESSION_BRIDGE_NATS", "nats://sb:pw@10.0.0.5"));
        var withToken = Read(("SESSION_BRIDGE_NATS", "nats://tok@10.0.0.5"));

        // Assert
        withPassword.Should().NotBeNull();
        withToken.Should().NotBeNull();
    }

    [Theory]
    [InlineData("http://sb:hunter2@10.0.0.5:4222")]
    [InlineData("http://sb:hun@ter2@10.0.0.5:4222")]
    [InlineData("nats://sb:hunter2@")]
    public void No_message_ever_shows_the_password(string address)
    {
        // Act
        var refused = Refused(("SESSION_BRIDGE_NATS", address));

        // Assert
        refused.Message.Should().NotContain("hunter2").And.NotContain("ter2").And.Contain("***");
    }

    [Fact]
    public void Settings_described_or_printed_never_show_the_password_or_token()
    {
        // Arrange
        var withPassword = Read(("SESSION_BRIDGE_NATS", "nats://sb:hunter2@127.0.0.1:4222"), ("SESSION_BRIDGE_TEAM", "shop"))!;
        var withToken = Read(("SESSION_BRIDGE_NATS", "nats://t0ken-value@127.0.0.1:4222"))!;

        // Act
        var shown = new[] { withPassword.Describe(), withPassword.ToString(), withToken.Describe(), $"{withToken}" };

        // Assert
        shown[0].Should().Be("nats://127.0.0.1:4222 (team shop)");
        shown.Should().AllSatisfy(s => s.Should().NotContain("hunter2").And.NotContain("t0ken-value"));
    }

    [Fact]
    public async Task The_same_environment_read_twice_is_the_same_settings_so_a_process_keeps_one_connection()
    {
        // Act
        var first = Read(("SESSION_BRIDGE_NATS", "nats://127.0.0.1:4222,nats://127.0.0.1:4223"), ("SESSION_BRIDGE_TEAM", "shop"));
        var second = Read(("SESSION_BRIDGE_NATS", "nats://127.0.0.1:4222,nats://127.0.0.1:4223"), ("SESSION_BRIDGE_TEAM", "shop"));
        var otherTeam = Read(("SESSION_BRIDGE_NATS", "nats://127.0.0.1:4222,nats://127.0.0.1:4223"), ("SESSION_BRIDGE_TEAM", "lab"));

        // Assert
        second.Should().Be(first);
        second!.GetHashCode().Should().Be(first!.GetHashCode());
        otherTeam.Should().NotBe(first);
    }

    public void Dispose() => _folder.Dispose();
}
