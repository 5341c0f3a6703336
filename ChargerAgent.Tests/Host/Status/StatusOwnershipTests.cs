using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using ChargerAgent.Core.Status;
using ChargerAgent.Host.Storage;
using ChargerAgent.Simulation.Whole;
using ChargerAgent.Tests.Host.Firmware;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Status
{
    /// <summary>
    /// The status has one section per part that fills it (docs/DESIGN.md, "The status"): no part
    /// writes another's. These tests read the compiled code of the core, the desktop host and the
    /// simulator (every store into a section's field, by reference included, names the type whose
    /// method does it) and the firmware's source, which cannot be compiled here.
    /// </summary>
    [TestClass]
    public sealed class StatusOwnershipTests
    {
        // The parts that fill each section; a nested or compiler-generated type counts as the type it is in.
        private static readonly Dictionary<Type, string[]> Owners = new()
        {
            [typeof(RecordingStatus)] = new[] { "ChargerAgent.Core.Agent", "ChargerAgent.Core.Recording.OpenInterval", "ChargerAgent.Core.Recording.MeterIntake", "ChargerAgent.Core.Status.SafeStateControl" },
            [typeof(DeliveryStatus)] = new[] { "ChargerAgent.Core.Upload.Uploader", "ChargerAgent.Core.Upload.UploadStatusView", "ChargerAgent.Core.Runtime.UploaderStep" },
            [typeof(PriceStatus)] = new[] { "ChargerAgent.Core.Upload.Prices.PriceFetcher" },
            [typeof(BoardStatus)] = new[] { "ChargerAgent.Host.Run.AgentInstance" },
        };

        private static readonly Assembly[] Product = { typeof(ChargerAgent.Core.Agent).Assembly, typeof(DirectoryFileStore).Assembly, typeof(WholeAgentSimulation).Assembly };

        [TestMethod]
        public void Each_status_section_is_written_only_by_its_owner()
        {
            var found = new List<string>();
            foreach ((MethodBase method, FieldInfo field) in SectionStores())
            {
                Type writer = Outermost(method.DeclaringType);
                if (writer == field.DeclaringType) continue;
                if (!Owners[field.DeclaringType].Contains(writer.FullName)) found.Add(writer.FullName + "." + method.Name + " writes " + field.DeclaringType.Name + "." + field.Name);
            }

            Assert.AreEqual(0, found.Count, "only a section's owner writes it:\n" + string.Join("\n", found.Distinct()));
        }

        [TestMethod]
        public void Every_owner_named_here_writes_its_section()
        {
            // Keeps the list above true: a renamed or moved owner must be named again, not pass unseen.
            var writers = new HashSet<string>(SectionStores().Select(s => Outermost(s.Method.DeclaringType).FullName + " " + s.Field.DeclaringType.Name));
            foreach (KeyValuePair<Type, string[]> section in Owners)
            {
                foreach (string owner in section.Value) Assert.IsTrue(writers.Contains(owner + " " + section.Key.Name), owner + " no longer writes " + section.Key.Name);
            }
        }

        [TestMethod]
        public void The_core_owners_are_handed_their_own_section_only()
        {
            Type[] sections = Owners.Keys.Append(typeof(AgentStatus)).ToArray();
            var found = new List<string>();
            foreach (KeyValuePair<Type, string[]> section in Owners)
            {
                foreach (string name in section.Value.Where(n => n.StartsWith("ChargerAgent.Core.", StringComparison.Ordinal)))
                {
                    Type owner = typeof(ChargerAgent.Core.Agent).Assembly.GetType(name, throwOnError: true);
                    const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
                    IEnumerable<(string Where, Type Type)> seen = owner.GetFields(All).Select(f => ("field " + f.Name, f.FieldType))
                        .Concat(owner.GetConstructors(All).Cast<MethodBase>().Concat(owner.GetMethods(All))
                            .SelectMany(m => m.GetParameters().Select(p => (m.Name + "(" + p.Name + ")", p.ParameterType))));
                    foreach ((string where, Type type) in seen)
                    {
                        Type bare = type.IsByRef ? type.GetElementType() : type;
                        if (sections.Contains(bare) && bare != section.Key) found.Add(name + " " + where + ": " + bare.Name);
                    }
                }
            }

            Assert.AreEqual(0, found.Count, "an owner is handed another's section:\n" + string.Join("\n", found));
        }

        [TestMethod]
        public void The_firmware_writes_only_the_board_section()
        {
            var found = new List<string>();
            foreach (string file in FirmwareSourceTests.FirmwareFiles())
            {
                SyntaxNode root = CSharpSyntaxTree.ParseText(File.ReadAllText(file), new CSharpParseOptions(LanguageVersion.CSharp9)).GetRoot();
                foreach (ExpressionSyntax target in WrittenExpressions(root))
                {
                    if (target is MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax section } && section.Name.Identifier.Text is "Recording" or "Delivery" or "Prices")
                    {
                        found.Add(Path.GetFileName(file) + ":" + (target.GetLocation().GetLineSpan().StartLinePosition.Line + 1) + " " + target);
                    }
                }
            }

            Assert.AreEqual(0, found.Count, "the firmware writes only status.Board (the safe state fills the recording section through SafeStateControl.FillStatus):\n" + string.Join("\n", found));
        }

        [TestMethod]
        public void The_firmware_check_sees_a_write_into_another_section()
        {
            SyntaxNode root = CSharpSyntaxTree.ParseText("class P { void M(S status) { status.Board.Booting = false; status.Delivery.Backlog++; status.Recording.UtcNow += 1; } }").GetRoot();
            CollectionAssert.AreEqual(new[] { "status.Board.Booting", "status.Delivery.Backlog", "status.Recording.UtcNow" }, WrittenExpressions(root).Select(e => e.ToString()).ToArray());
        }

        private static IEnumerable<ExpressionSyntax> WrittenExpressions(SyntaxNode root)
        {
            foreach (SyntaxNode node in root.DescendantNodes())
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax assignment: yield return assignment.Left; break;
                    case PostfixUnaryExpressionSyntax postfix: yield return postfix.Operand; break;
                    case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression): yield return prefix.Operand; break;
                    case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None): yield return argument.Expression; break;
                }
            }
        }

        // Every store into a section's field in the product's methods: stfld, or its address taken
        // (ldflda) other than to call one of the field type's own methods on it: Session.ToString(culture)
        // is ldflda, the culture's getter, then UInt32.ToString within the next few instructions.
        private static IEnumerable<(MethodBase Method, FieldInfo Field)> SectionStores()
        {
            const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (Type type in Product.SelectMany(a => a.GetTypes()))
            {
                foreach (MethodBase method in type.GetConstructors(All).Cast<MethodBase>().Concat(type.GetMethods(All)))
                {
                    byte[] il = method.GetMethodBody()?.GetILAsByteArray();
                    if (il == null) continue;
                    Type[] typeArguments = type.IsGenericType ? type.GetGenericArguments() : null;
                    Type[] methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
                    (OpCode Op, int Operand)[] code = Instructions(il).ToArray();
                    for (int i = 0; i < code.Length; i++)
                    {
                        OpCode op = code[i].Op;
                        if (op != OpCodes.Stfld && op != OpCodes.Stsfld && op != OpCodes.Ldflda && op != OpCodes.Ldsflda) continue;
                        FieldInfo field = method.Module.ResolveField(BitConverter.ToInt32(il, code[i].Operand), typeArguments, methodArguments);
                        if (!Owners.ContainsKey(field.DeclaringType)) continue;
                        bool callsItsOwnType = (op == OpCodes.Ldflda || op == OpCodes.Ldsflda) && code.Skip(i + 1).Take(4)
                            .Any(c => (c.Op == OpCodes.Call || c.Op == OpCodes.Callvirt) && method.Module.ResolveMethod(BitConverter.ToInt32(il, c.Operand), typeArguments, methodArguments).DeclaringType == field.FieldType);
                        if (!callsItsOwnType) yield return (method, field);
                    }
                }
            }
        }

        private static Type Outermost(Type type)
        {
            while (type.DeclaringType != null) type = type.DeclaringType;
            return type;
        }

        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)).ToDictionary(o => o.Value);

        // Walks the IL instruction by instruction (so an operand byte is never read as an opcode).
        private static IEnumerable<(OpCode Op, int Operand)> Instructions(byte[] il)
        {
            int p = 0;
            while (p < il.Length)
            {
                short value = il[p] == 0xFE ? (short)(0xFE00 | il[p + 1]) : il[p];
                OpCode op = OpCodesByValue[value];
                p += op.Size;
                int operand = p;
                p += op.OperandType switch
                {
                    OperandType.InlineNone => 0,
                    OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                    OperandType.InlineVar => 2,
                    OperandType.InlineI8 or OperandType.InlineR => 8,
                    OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, p),
                    _ => 4,
                };
                yield return (op, operand);
            }
        }
    }
}
