using System;
using System.Linq;
using System.Reflection;
using ChargerAgent.Core.Storage;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Storage
{
    /// <summary>
    /// Every field of <see cref="Checkpoint"/> and <see cref="DeliveryWatermarks"/> must survive a
    /// save and a load: a field added to either but not to the codec would be lost at every reboot
    /// without anything failing.
    /// </summary>
    [TestClass]
    public sealed class CheckpointFieldsTests
    {
        [TestMethod]
        public void Every_checkpoint_field_round_trips_through_the_codec()
        {
            FieldInfo[] fields = typeof(Checkpoint).GetFields(BindingFlags.Public | BindingFlags.Instance);
            var original = new Checkpoint();
            int i = 0;
            foreach (FieldInfo field in fields)
            {
                field.SetValue(original, Distinct(field.FieldType, ++i));
            }

            FieldInfo[] markFields = typeof(DeliveryWatermarks).GetFields(BindingFlags.Public | BindingFlags.Instance);
            var marks = new DeliveryWatermarks();
            foreach (FieldInfo field in markFields) field.SetValue(marks, Distinct(field.FieldType, ++i));
            marks.Generation = original.Generation;

            var buffer = new byte[CheckpointCodec.Size];
            int length = CheckpointCodec.Encode(original, marks, 7, buffer);
            var loaded = new Checkpoint();
            var loadedMarks = new DeliveryWatermarks();
            Assert.AreEqual(CheckpointCodec.Valid, CheckpointCodec.TryDecode(buffer, length, loaded, loadedMarks, out uint sequence));
            Assert.AreEqual(7u, sequence);
            string[] lost = fields.Where(f => !Equals(f.GetValue(original), f.GetValue(loaded))).Select(f => f.Name)
                .Concat(markFields.Where(f => !Equals(f.GetValue(marks), f.GetValue(loadedMarks))).Select(f => "DeliveryWatermarks." + f.Name)).ToArray();
            Assert.AreEqual(0, lost.Length, "not saved by CheckpointCodec: " + string.Join(", ", lost));
        }

        [TestMethod]
        public void CopyFrom_copies_every_watermark()
        {
            FieldInfo[] fields = typeof(DeliveryWatermarks).GetFields(BindingFlags.Public | BindingFlags.Instance);
            var original = new DeliveryWatermarks();
            int i = 0;
            foreach (FieldInfo field in fields) field.SetValue(original, Distinct(field.FieldType, ++i));
            var copy = new DeliveryWatermarks();
            copy.CopyFrom(original);
            string[] lost = fields.Where(f => !Equals(f.GetValue(original), f.GetValue(copy))).Select(f => f.Name).ToArray();
            Assert.AreEqual(0, lost.Length, "not copied by CopyFrom: " + string.Join(", ", lost));
        }

        [TestMethod]
        public void CopyFrom_copies_every_field()
        {
            FieldInfo[] fields = typeof(Checkpoint).GetFields(BindingFlags.Public | BindingFlags.Instance);
            var original = new Checkpoint();
            int i = 0;
            foreach (FieldInfo field in fields) field.SetValue(original, Distinct(field.FieldType, ++i));
            var copy = new Checkpoint();
            copy.CopyFrom(original);
            string[] lost = fields.Where(f => !Equals(f.GetValue(original), f.GetValue(copy))).Select(f => f.Name).ToArray();
            Assert.AreEqual(0, lost.Length, "not copied by CopyFrom: " + string.Join(", ", lost));
        }

        private static object Distinct(Type type, int i)
        {
            if (type == typeof(bool)) return true;
            if (type == typeof(byte)) return (byte)(i + 100);
            if (type == typeof(ushort)) return (ushort)(i + 1000);
            if (type == typeof(uint)) return (uint)(i + 100000);
            if (type == typeof(long)) return -1_000_000_000_000L - i;
            if (type == typeof(ulong)) return 5_000_000_000UL + (ulong)i;
            throw new NotSupportedException("add a distinct value for " + type.Name);
        }
    }
}
