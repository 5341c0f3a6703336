using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace ChargerAgent.PeBudget
{
    /// <summary>
    /// The size of a method body in a .pe's byte-code table. The metadata processor copies the IL
    /// opcodes as they are and rewrites the operands: tokens (method, field, type, string) and long
    /// branch targets become 16-bit, a switch keeps one byte of count and 16 bits per target, a
    /// standalone-signature operand is dropped, the rest keep their size. Each exception clause
    /// becomes six 16-bit words, and a body with clauses ends with one byte of clause count.
    /// </summary>
    public static class NanoByteCode
    {
        private static readonly Dictionary<short, OpCode> OpCodesByValue = LoadOpCodes();

        /// <summary>Bytes of <paramref name="body"/> in the byte-code table.</summary>
        public static int SizeOf(MethodBodyBlock body)
        {
            BlobReader il = body.GetILReader();
            int size = 0;
            while (il.RemainingBytes > 0)
            {
                short value = il.ReadByte();
                if (value == 0xFE) value = unchecked((short)(0xFE00 | il.ReadByte()));
                OpCode opCode = OpCodesByValue[value];
                size += opCode.Size;
                switch (opCode.OperandType)
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.InlineSwitch:
                        int targets = il.ReadInt32();
                        il.Offset += 4 * targets;
                        size += 1 + 2 * targets;
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineVar:
                    case OperandType.ShortInlineI:
                        il.Offset += 1;
                        size += 1;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        size += 2;
                        break;
                    case OperandType.InlineBrTarget:
                    case OperandType.InlineString:
                    case OperandType.InlineMethod:
                    case OperandType.InlineField:
                    case OperandType.InlineType:
                        il.Offset += 4;
                        size += 2;
                        break;
                    case OperandType.InlineSig:
                        il.Offset += 4;
                        break;
                    case OperandType.InlineI:
                    case OperandType.ShortInlineR:
                    case OperandType.InlineTok:
                        il.Offset += 4;
                        size += 4;
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        il.Offset += 8;
                        size += 8;
                        break;
                    default:
                        throw new System.NotSupportedException("IL operand type " + opCode.OperandType);
                }
            }

            int clauses = body.ExceptionRegions.Length;
            if (clauses > 0) size += 12 * clauses + 1;
            return size;
        }

        /// <summary>The string literals (ldstr operands) of a body, by user-string handle.</summary>
        public static IEnumerable<UserStringHandle> StringLiterals(MethodBodyBlock body)
        {
            BlobReader il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short value = il.ReadByte();
                if (value == 0xFE) value = unchecked((short)(0xFE00 | il.ReadByte()));
                OpCode opCode = OpCodesByValue[value];
                if (opCode.OperandType == OperandType.InlineString)
                {
                    yield return MetadataTokens.UserStringHandle(il.ReadInt32() & 0xFFFFFF);
                    continue;
                }

                int operand = ILOperandSize(opCode.OperandType, ref il);
                il.Offset += operand;
            }
        }

        /// <summary>The metadata tokens a body's instructions name (method, field, type and ldtoken operands), in order.</summary>
        public static IEnumerable<EntityHandle> Tokens(MethodBodyBlock body)
        {
            BlobReader il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short value = il.ReadByte();
                if (value == 0xFE) value = unchecked((short)(0xFE00 | il.ReadByte()));
                OpCode opCode = OpCodesByValue[value];
                switch (opCode.OperandType)
                {
                    case OperandType.InlineMethod:
                    case OperandType.InlineField:
                    case OperandType.InlineType:
                    case OperandType.InlineTok:
                        yield return MetadataTokens.EntityHandle(il.ReadInt32());
                        continue;
                }

                int skip = ILOperandSize(opCode.OperandType, ref il);
                il.Offset += skip;
            }
        }

        private static int ILOperandSize(OperandType type, ref BlobReader il)
        {
            switch (type)
            {
                case OperandType.InlineNone: return 0;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineVar:
                case OperandType.ShortInlineI: return 1;
                case OperandType.InlineVar: return 2;
                case OperandType.InlineI8:
                case OperandType.InlineR: return 8;
                case OperandType.InlineSwitch: return 4 * il.ReadInt32();
                default: return 4;
            }
        }

        private static Dictionary<short, OpCode> LoadOpCodes()
        {
            var map = new Dictionary<short, OpCode>();
            foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var opCode = (OpCode)field.GetValue(null);
                map[opCode.Value] = opCode;
            }

            return map;
        }
    }
}
