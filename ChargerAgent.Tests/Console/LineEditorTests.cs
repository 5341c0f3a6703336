using ChargerAgent.Core.Console;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Console
{
    [TestClass]
    public class LineEditorTests
    {
        private static string FeedAll(LineEditor editor, byte[] bytes, out LineEvent last)
        {
            last = LineEvent.None;
            string line = null;
            for (int i = 0; i < bytes.Length; i++)
            {
                LineEvent e = editor.Feed(bytes[i]);
                if (e != LineEvent.None) last = e;
                if (e == LineEvent.Line) line = editor.Line;
            }

            return line;
        }

        private static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++) bytes[i] = (byte)text[i];
            return bytes;
        }

        [DataRow("status\r")]
        [DataRow("status\n")]
        [DataRow("status\r\n")]
        public void Cr_lf_and_crlf_each_end_one_line(string typed)
        {
            FakeConsoleOutput output = new FakeConsoleOutput();
            LineEditor editor = new LineEditor(output);
            int lines = 0;
            byte[] bytes = Ascii(typed + typed);
            for (int i = 0; i < bytes.Length; i++)
            {
                if (editor.Feed(bytes[i]) == LineEvent.Line)
                {
                    lines++;
                    Assert.AreEqual("status", editor.Line);
                }
            }

            Assert.AreEqual(2, lines);
        }

        [TestMethod]
        public void An_empty_line_after_crlf_is_still_a_line()
        {
            LineEditor editor = new LineEditor(new FakeConsoleOutput());
            LineEvent last;
            Assert.AreEqual("a", FeedAll(editor, Ascii("a\r\n"), out last));
            Assert.AreEqual(string.Empty, FeedAll(editor, Ascii("\r\n"), out last));
        }

        [TestMethod]
        public void Backspace_and_delete_remove_the_last_character_and_erase_it_on_screen()
        {
            FakeConsoleOutput output = new FakeConsoleOutput();
            LineEditor editor = new LineEditor(output);
            LineEvent last;
            string line = FeedAll(editor, new byte[] { (byte)'s', (byte)'x', 8, (byte)'t', (byte)'y', 127, (byte)'a', 8, 8, 8, 8, (byte)'q', 13 }, out last);
            Assert.AreEqual("q", line);
            Assert.Contains("\b \b", output.Text);
        }

        [TestMethod]
        public void Ctrl_c_clears_the_line()
        {
            FakeConsoleOutput output = new FakeConsoleOutput();
            LineEditor editor = new LineEditor(output);
            LineEvent last;
            FeedAll(editor, new byte[] { (byte)'r', (byte)'e', (byte)'b', 3 }, out last);
            Assert.AreEqual((int)LineEvent.Cancelled, (int)last);
            Assert.AreEqual(0, editor.Length);
            Assert.AreEqual("help", FeedAll(editor, Ascii("help\r"), out last));
        }

        [TestMethod]
        public void Garbage_bytes_and_escape_sequences_are_dropped()
        {
            LineEditor editor = new LineEditor(new FakeConsoleOutput());
            LineEvent last;
            byte[] bytes = { 0xFF, (byte)'m', 0x00, 0x1B, (byte)'[', (byte)'A', (byte)'e', 0x1B, (byte)'[', (byte)'1', (byte)'~', 0x80, 0x07, 0x09, (byte)'t', 0xC3, 0xA9, (byte)'e', (byte)'r', 13 };
            Assert.AreEqual("meter", FeedAll(editor, bytes, out last));
        }

        [TestMethod]
        public void An_overlong_line_is_thrown_away_whole_and_the_next_line_works()
        {
            FakeConsoleOutput output = new FakeConsoleOutput();
            LineEditor editor = new LineEditor(output);
            LineEvent last;
            string line = FeedAll(editor, Ascii(new string('x', LineEditor.MaxLineLength + 50) + "\r"), out last);
            Assert.IsNull(line);
            Assert.AreEqual((int)LineEvent.TooLong, (int)last);
            Assert.AreEqual("queue", FeedAll(editor, Ascii("queue\r"), out last));
        }

        [TestMethod]
        public void A_line_of_exactly_the_maximum_length_is_kept()
        {
            LineEditor editor = new LineEditor(new FakeConsoleOutput());
            LineEvent last;
            string typed = new string('y', LineEditor.MaxLineLength);
            Assert.AreEqual(typed, FeedAll(editor, Ascii(typed + "\n"), out last));
        }

        [DataRow("config set flatpeak.api_key sk_test_abc", "config set flatpeak.api_key ***********")]
        [DataRow("config set wifi.password pass word", "config set wifi.password *********")]
        [DataRow("CONFIG  SET  WIFI.PASSWORD  x", "CONFIG  SET  WIFI.PASSWORD **")]
        [DataRow("config st flatpeak.api_key abc", "config st flatpeak.api_key ***")]
        [DataRow("config set wifi.ssid Home", "config set wifi.ssid Home")]
        [DataRow("config set flatpeak.api_keyx abc", "config set flatpeak.api_keyx abc")]
        public void The_value_after_a_secret_key_echoes_as_stars(string typed, string echoed)
        {
            FakeConsoleOutput output = new FakeConsoleOutput();
            LineEditor editor = new LineEditor(output);
            LineEvent last;
            Assert.AreEqual(typed, FeedAll(editor, Ascii(typed + "\r"), out last));
            Assert.AreEqual(echoed + "\n", output.Text);
        }
    }
}
