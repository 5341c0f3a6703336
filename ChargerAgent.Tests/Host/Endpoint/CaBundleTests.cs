using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Endpoint
{
    /// <summary>The device's CA bundle for api.flatpeak.com: several roots, each labelled truthfully.</summary>
    [TestClass]
    public sealed class CaBundleTests
    {
        private static readonly Regex Entry = new Regex(
            @"# Name: (?<name>[^\n]+)\n# Expires: (?<expires>[^\n]+)\n# SHA-256: (?<sha>[0-9A-F:]+)\n(?<pem>-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----)",
            RegexOptions.CultureInvariant);

        [TestMethod]
        public void The_bundle_holds_several_labelled_root_authorities_none_expired()
        {
            string text = File.ReadAllText(RepositoryPaths.Combine("ChargerAgent", "Esp32", "Certificates", "flatpeak-roots.pem")).Replace("\r\n", "\n", StringComparison.Ordinal);
            int blocks = Regex.Matches(text, "-----BEGIN CERTIFICATE-----").Count;
            MatchCollection entries = Entry.Matches(text);
            Assert.IsTrue(entries.Count >= 2, "a fleet needs more than one root");
            Assert.AreEqual(blocks, entries.Count, "every certificate is labelled");

            foreach (Match entry in entries)
            {
                using X509Certificate2 certificate = X509Certificate2.CreateFromPem(entry.Groups["pem"].Value);
                string name = entry.Groups["name"].Value;
                Assert.AreEqual(name, certificate.GetNameInfo(X509NameType.SimpleName, false), "name label");
                Assert.AreEqual(certificate.Subject, certificate.Issuer, name + " is a root (self-issued)");
                X509BasicConstraintsExtension constraints = null;
                foreach (X509Extension extension in certificate.Extensions)
                {
                    constraints ??= extension as X509BasicConstraintsExtension;
                }

                Assert.IsNotNull(constraints, name + " has basic constraints");
                Assert.IsTrue(constraints.CertificateAuthority, name + " is a CA");
                DateTime expires = DateTime.ParseExact(entry.Groups["expires"].Value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                Assert.AreEqual(certificate.NotAfter.ToUniversalTime(), expires, name + " expiry label");
                Assert.IsTrue(certificate.NotAfter.ToUniversalTime() > DateTime.UtcNow, name + " has expired");
                Assert.AreEqual(entry.Groups["sha"].Value.Replace(":", string.Empty, StringComparison.Ordinal), certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), name + " fingerprint label");
            }
        }
    }
}
