using System;
using ChargerAgent.Core.Upload;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Upload
{
    [TestClass]
    public class UploadSecretsTests
    {
        private static void AssertClean(string text, string where)
        {
            if (text == null) return;
            Assert.IsTrue(text.IndexOf(UploadRig.ApiKey) < 0, where + " shows the API key");
            Assert.IsTrue(text.IndexOf(FakeHttpTransport.Token) < 0, where + " shows the token");
            string basic = BasicAuth.HeaderValue("acc_661677911f2197045e6cf1b1", UploadRig.ApiKey).Substring(6);
            Assert.IsTrue(text.IndexOf(basic) < 0, where + " shows the Basic credentials");
        }

        [TestMethod]
        public void No_status_text_or_error_ever_shows_the_key_or_the_token()
        {
            UploadRig rig = new UploadRig();
            rig.AddRecords(4);
            string echo = "{\"object\":\"error\",\"code\":\"invalid_request\",\"message\":\"bad key " + UploadRig.ApiKey + " token " + FakeHttpTransport.Token + "\"}";
            rig.Transport.Script.Add(new Reply { Status = 400, Body = echo });
            rig.Transport.Script.Add(new Reply { Status = 503, Body = echo });
            rig.Transport.Script.Add(Reply.Error(401, "unauthorized"));
            rig.Transport.Script.Add(Reply.Error(401, "unauthorized"));
            rig.Transport.LoginScript.Add(new Reply { Status = 403, Body = echo });
            for (int i = 0; i < 400; i++)
            {
                rig.Transport.Now += 100;
                rig.Uploader.Step(rig.Transport.Now);
                rig.Uploader.FillStatus(rig.Status);
                AssertClean(rig.Status.LastUploadError, "LastUploadError");
                AssertClean(rig.Status.UploadState, "UploadState");
            }

            Assert.IsTrue(rig.Transport.Ledger.Count >= 3);
        }

        [TestMethod]
        public void Configuration_errors_never_quote_the_key()
        {
            UploadOptions options = UploadRig.NewOptions();
            options.AccountId = null;
            try
            {
                options.Validate();
                Assert.IsTrue(false, "validation passed without an account id");
            }
            catch (ArgumentException e)
            {
                AssertClean(e.Message, "exception");
            }

            options = UploadRig.NewOptions();
            options.ApiKey = new string('k', 300);
            try
            {
                options.Validate();
                Assert.IsTrue(false, "validation passed with a 300-character key");
            }
            catch (ArgumentException e)
            {
                Assert.IsTrue(e.Message.IndexOf("kkkk") < 0, "the key is quoted");
            }
        }

        [TestMethod]
        public void Redaction_removes_key_token_and_basic_credentials()
        {
            FlatpeakClient client = new FlatpeakClient(UploadRig.NewOptions());
            client.SetToken(FakeHttpTransport.Token, 3600, 0);
            string basic = BasicAuth.HeaderValue("acc_661677911f2197045e6cf1b1", UploadRig.ApiKey).Substring(6);
            string text = client.Redact("a " + UploadRig.ApiKey + " b " + FakeHttpTransport.Token + " c " + basic);
            Assert.AreEqual("a (secret) b (secret) c (secret)", text);
        }

        [TestMethod]
        public void A_key_echoed_where_the_error_window_cuts_it_shows_no_part_of_it()
        {
            string key = UploadRig.ApiKey;
            for (int pad = 70; pad <= 100; pad++)
            {
                UploadRig rig = new UploadRig();
                rig.AddRecords(1);
                string message = new string('x', pad - 1) + " " + key + " rest";
                rig.Transport.Script.Add(new Reply { Status = 503, Body = "{\"object\":\"error\",\"code\":\"api_error\",\"message\":\"" + message + "\"}" });
                for (int step = 0; step < 5; step++)
                {
                    rig.Transport.Now += 100;
                    rig.Uploader.Step(rig.Transport.Now);
                }

                rig.Uploader.FillStatus(rig.Status);
                string shown = rig.Status.LastUploadError;
                Assert.IsNotNull(shown, "no error at pad " + pad);
                for (int k = 0; k + 6 <= key.Length; k++)
                {
                    Assert.IsTrue(shown.IndexOf(key.Substring(k, 6)) < 0, "pad " + pad + ": part of the key shown: " + shown);
                }
            }
        }
    }
}
