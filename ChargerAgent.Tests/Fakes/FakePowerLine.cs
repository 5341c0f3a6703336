using System;

namespace ChargerAgent.Tests.Fakes
{
    /// <summary>Thrown by the fakes when the simulated power is cut before a durable write.</summary>
    public class FakePowerCutException : Exception
    {
        public FakePowerCutException() : base("power cut")
        {
        }
    }

    /// <summary>Counts durable writes (checkpoint saves, file flushes) and cuts the power before write number <see cref="CutAtWrite"/>.</summary>
    public class FakePowerLine
    {
        public int Writes;
        public int CutAtWrite;

        public void BeforeDurableWrite()
        {
            if (CutAtWrite > 0 && Writes + 1 == CutAtWrite)
            {
                CutAtWrite = 0;
                throw new FakePowerCutException();
            }

            Writes++;
        }
    }
}
