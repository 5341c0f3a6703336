// Calibration corpus for pe-budget (see docs/DEVICE-TESTS.md, "Calibration"): not part of any build.
// PeBudgetCalibrationTests compiles it for nanoFramework and checks pe-budget's table sizes against
// the figures nanoFramework's metadata processor wrote for the same assembly (Calibration/corpus-figures.txt).
// Re-measure those figures when this file changes.
using System;
using System.Collections;

namespace Calibration
{
    [Flags]
    public enum Mode : byte { None = 0, Fast = 1, Slow = 2 }

    public enum Level { Low, High }

    public interface IShape { int Area { get; } }

    public interface INamed : IShape { string Name { get; } }

    [AttributeUsage(AttributeTargets.All)]
    public sealed class NoteAttribute : Attribute
    {
        public NoteAttribute(string text, int weight, bool flag) { Text = text; Weight = weight; Flag = flag; }
        public NoteAttribute(params object[] values) { Values = values; }
        public NoteAttribute(Type type) { Text = type.Name; }
        public string Text { get; set; }
        public int Weight { get; set; }
        public bool Flag { get; set; }
        public object[] Values { get; set; }
        public long Big;
        public Level Level;
    }

    public struct Point
    {
        public int X;
        public int Y;
        public Point(int x, int y) { X = x; Y = y; }
        public override string ToString() { return X.ToString() + "," + Y.ToString(); }
    }

    [Note("shape", 3, true, Weight = 4, Big = 5L)]
    public class Square : INamed, IDisposable
    {
        private static readonly byte[] Table = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
        private static readonly int[] Primes = { 2, 3, 5, 7, 11, 13, 17, 19 };
        private readonly WeakReference cache;
        private DateTime created;
        private TimeSpan age;
        private Point corner;
        private Mode mode;
        private Level level;
        private ArrayList bag = new ArrayList();

        public event EventHandler Changed;

        public Square(int side) { Side = side; cache = new WeakReference(this); created = DateTime.UtcNow; }

        public int Side { get; private set; }

        public virtual int Area => Side * Side;

        public string Name => "square " + Side;

        [Note(1, "two", 3.0, 'c')]
        public bool TryGrow(int by, out int area, ref Point at)
        {
            area = 0;
            try
            {
                if (by < 0) throw new ArgumentException("by"); Side += by;
                area = Area;
                at = new Point(at.X + by, at.Y);
                Changed?.Invoke(this, EventArgs.Empty);
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
            finally
            {
                age = DateTime.UtcNow - created;
            }
        }

        [Note(typeof(Point))]
        [Obsolete("use TryGrow")]
        public int Lookup(int i, Mode m, Level l)
        {
            mode = m;
            level = l;
            switch (i)
            {
                case 0: return Table[0];
                case 1: return Primes[1];
                case 2: return corner.X;
                case 3: return (int)mode + (int)level;
                default: return bag.Count + (cache.IsAlive ? 1 : 0) + (int)age.Ticks;
            }
        }

        public void Dispose() { bag.Clear(); }

        public sealed class Inner
        {
            public Square Owner;
            public Inner[] Siblings;
            public Square.Inner Next(Square[] all, Point[] points, string[] names, object[] boxes, char[] letters)
            {
                Func f = delegate (int x) { return x + all.Length + points.Length + names.Length + boxes.Length + letters.Length; };
                return f(1) > 0 ? this : Siblings[0];
            }
        }
    }

    public delegate int Func(int x);

    public static class Extensions
    {
        public static int Twice(this Square s) { return s.Area * 2; }
        public static double Mix(this Point p, float f, double d, long l, ulong u, short sh, ushort us, sbyte sb, byte b, uint ui)
        {
            double local = p.X * f + d + l + u + sh + us + sb + b + ui;
            return local;
        }
    }

    public class T01 { public T02 Next; public Square Shape; public T01(T02 next) { Next = next; } public virtual T02 Walk(T01 self, Point p, Mode m) { return Next; } }
    public class T02 { public T03 Next; public Square Shape; public T02(T03 next) { Next = next; } public virtual T03 Walk(T02 self, Point p, Mode m) { return Next; } }
    public class T03 { public T04 Next; public Square Shape; public T03(T04 next) { Next = next; } public virtual T04 Walk(T03 self, Point p, Mode m) { return Next; } }
    public class T04 { public T05 Next; public Square Shape; public T04(T05 next) { Next = next; } public virtual T05 Walk(T04 self, Point p, Mode m) { return Next; } }
    public class T05 { public T06 Next; public Square Shape; public T05(T06 next) { Next = next; } public virtual T06 Walk(T05 self, Point p, Mode m) { return Next; } }
    public class T06 { public T07 Next; public Square Shape; public T06(T07 next) { Next = next; } public virtual T07 Walk(T06 self, Point p, Mode m) { return Next; } }
    public class T07 { public T08 Next; public Square Shape; public T07(T08 next) { Next = next; } public virtual T08 Walk(T07 self, Point p, Mode m) { return Next; } }
    public class T08 { public T09 Next; public Square Shape; public T08(T09 next) { Next = next; } public virtual T09 Walk(T08 self, Point p, Mode m) { return Next; } }
    public class T09 { public T10 Next; public Square Shape; public T09(T10 next) { Next = next; } public virtual T10 Walk(T09 self, Point p, Mode m) { return Next; } }
    public class T10 { public T11 Next; public Square Shape; public T10(T11 next) { Next = next; } public virtual T11 Walk(T10 self, Point p, Mode m) { return Next; } }
    public class T11 { public T12 Next; public Square Shape; public T11(T12 next) { Next = next; } public virtual T12 Walk(T11 self, Point p, Mode m) { return Next; } }
    public class T12 { public T13 Next; public Square Shape; public T12(T13 next) { Next = next; } public virtual T13 Walk(T12 self, Point p, Mode m) { return Next; } }
    public class T13 { public T14 Next; public Square Shape; public T13(T14 next) { Next = next; } public virtual T14 Walk(T13 self, Point p, Mode m) { return Next; } }
    public class T14 { public T15 Next; public Square Shape; public T14(T15 next) { Next = next; } public virtual T15 Walk(T14 self, Point p, Mode m) { return Next; } }
    public class T15 { public T16 Next; public Square Shape; public T15(T16 next) { Next = next; } public virtual T16 Walk(T15 self, Point p, Mode m) { return Next; } }
    public class T16 { public T17 Next; public Square Shape; public T16(T17 next) { Next = next; } public virtual T17 Walk(T16 self, Point p, Mode m) { return Next; } }
    public class T17 { public T18 Next; public Square Shape; public T17(T18 next) { Next = next; } public virtual T18 Walk(T17 self, Point p, Mode m) { return Next; } }
    public class T18 { public T19 Next; public Square Shape; public T18(T19 next) { Next = next; } public virtual T19 Walk(T18 self, Point p, Mode m) { return Next; } }
    public class T19 { public T20 Next; public Square Shape; public T19(T20 next) { Next = next; } public virtual T20 Walk(T19 self, Point p, Mode m) { return Next; } }
    public class T20 { public T21 Next; public Square Shape; public T20(T21 next) { Next = next; } public virtual T21 Walk(T20 self, Point p, Mode m) { return Next; } }
    public class T21 { public T22 Next; public Square Shape; public T21(T22 next) { Next = next; } public virtual T22 Walk(T21 self, Point p, Mode m) { return Next; } }
    public class T22 { public T23 Next; public Square Shape; public T22(T23 next) { Next = next; } public virtual T23 Walk(T22 self, Point p, Mode m) { return Next; } }
    public class T23 { public T24 Next; public Square Shape; public T23(T24 next) { Next = next; } public virtual T24 Walk(T23 self, Point p, Mode m) { return Next; } }
    public class T24 { public T25 Next; public Square Shape; public T24(T25 next) { Next = next; } public virtual T25 Walk(T24 self, Point p, Mode m) { return Next; } }
    public class T25 { public T26 Next; public Square Shape; public T25(T26 next) { Next = next; } public virtual T26 Walk(T25 self, Point p, Mode m) { return Next; } }
    public class T26 { public T27 Next; public Square Shape; public T26(T27 next) { Next = next; } public virtual T27 Walk(T26 self, Point p, Mode m) { return Next; } }
    public class T27 { public T28 Next; public Square Shape; public T27(T28 next) { Next = next; } public virtual T28 Walk(T27 self, Point p, Mode m) { return Next; } }
    public class T28 { public T29 Next; public Square Shape; public T28(T29 next) { Next = next; } public virtual T29 Walk(T28 self, Point p, Mode m) { return Next; } }
    public class T29 { public T30 Next; public Square Shape; public T29(T30 next) { Next = next; } public virtual T30 Walk(T29 self, Point p, Mode m) { return Next; } }
    public class T30 { public T31 Next; public Square Shape; public T30(T31 next) { Next = next; } public virtual T31 Walk(T30 self, Point p, Mode m) { return Next; } }
    public class T31 { public T32 Next; public Square Shape; public T31(T32 next) { Next = next; } public virtual T32 Walk(T31 self, Point p, Mode m) { return Next; } }
    public class T32 { public T33 Next; public Square Shape; public T32(T33 next) { Next = next; } public virtual T33 Walk(T32 self, Point p, Mode m) { return Next; } }
    public class T33 { public T34 Next; public Square Shape; public T33(T34 next) { Next = next; } public virtual T34 Walk(T33 self, Point p, Mode m) { return Next; } }
    public class T34 { public T35 Next; public Square Shape; public T34(T35 next) { Next = next; } public virtual T35 Walk(T34 self, Point p, Mode m) { return Next; } }
    public class T35 { public T36 Next; public Square Shape; public T35(T36 next) { Next = next; } public virtual T36 Walk(T35 self, Point p, Mode m) { return Next; } }
    public class T36 { public T37 Next; public Square Shape; public T36(T37 next) { Next = next; } public virtual T37 Walk(T36 self, Point p, Mode m) { return Next; } }
    public class T37 { public T38 Next; public Square Shape; public T37(T38 next) { Next = next; } public virtual T38 Walk(T37 self, Point p, Mode m) { return Next; } }
    public class T38 { public T39 Next; public Square Shape; public T38(T39 next) { Next = next; } public virtual T39 Walk(T38 self, Point p, Mode m) { return Next; } }
    public class T39 { public T40 Next; public Square Shape; public T39(T40 next) { Next = next; } public virtual T40 Walk(T39 self, Point p, Mode m) { return Next; } }
    public class T40 { public T01 Next; public Square Shape; public T40(T01 next) { Next = next; } public virtual T01 Walk(T40 self, Point p, Mode m) { return Next; } }

    public static class Uses
    {
        public static string Describe(object o)
        {
            string text = string.Empty;
            if (o is INamed named) text += named.Name;
            if (o is IShape shape) text += shape.Area.ToString();
            text = string.Concat(text, "a", "b", "c") + DayOfWeek.Monday.ToString();
            text += new ArrayList().Count.ToString() + Guid.Empty.ToString() + BitConverter.GetBytes(12).Length.ToString();
            return text;
        }
    }
}
