using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ChargerAgent.Guard
{
    /// <summary>
    /// Fails the build when a file marked <c>NanoGuard="true"</c> uses what nanoFramework 1.x cannot
    /// run: language features by syntax, and library types and members by an allow-list of what
    /// nanoFramework's libraries provide. Symbols of the project's own assemblies are trusted (they
    /// are checked where they are written).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NanoFrameworkGuard : DiagnosticAnalyzer
    {
        private readonly NanoFrameworkApi api;

        /// <summary>A guard over the embedded allow-list.</summary>
        public NanoFrameworkGuard() : this(NanoFrameworkApi.Embedded)
        {
        }

        /// <summary>A guard over the given allow-list (for tests).</summary>
        public NanoFrameworkGuard(NanoFrameworkApi api)
        {
            this.api = api ?? throw new ArgumentNullException(nameof(api));
        }

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            GuardRules.Generics, GuardRules.Async, GuardRules.Linq, GuardRules.NullableValue, GuardRules.SpanLike,
            GuardRules.Tuples, GuardRules.Records, GuardRules.MissingType, GuardRules.MissingMember, GuardRules.Unsupported,
            GuardRules.UnsignedWidening, GuardRules.HashtableIndexerSet);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var trusted = new HashSet<string>(StringComparer.Ordinal) { start.Compilation.AssemblyName ?? string.Empty };
                if (start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(
                        "build_property.NanoGuardTrustedAssemblies", out string names))
                {
                    foreach (string name in names.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
                    {
                        trusted.Add(name.Trim());
                    }
                }

                start.RegisterSemanticModelAction(model => AnalyzeFile(model, trusted));
                start.RegisterOperationAction(CheckWidening, OperationKind.Conversion);
                start.RegisterOperationAction(CheckArgument, OperationKind.Argument);
                start.RegisterOperationAction(CheckHashtableSet, OperationKind.SimpleAssignment, OperationKind.CompoundAssignment, OperationKind.CoalesceAssignment);
            });
        }

        private static bool IsGuarded(OperationAnalysisContext context)
        {
            var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.Operation.Syntax.SyntaxTree);
            return options.TryGetValue("build_metadata.Compile.NanoGuard", out string marked)
                && string.Equals(marked, "true", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// NF1011. An unchecked cast between uint and int emits no instruction, so on nanoCLR the value
        /// keeps its unsigned type tag, and conv.i8/conv.r8 extend by the tag: (long)(int)u is
        /// zero-extended. The tag survives wherever the IL keeps the value on the evaluation stack: within
        /// the expression; through a local, because the optimizing compiler drops a local that is read
        /// once ("int i = (int)u; return i;" compiles to ldarg, conv.i8); through a call, because nanoCLR's
        /// callee uses the caller's evaluation stack as its arguments and a return value is only promoted
        /// from the small types. A field or array element re-tags the value.
        /// </summary>
        private static void CheckWidening(OperationAnalysisContext context)
        {
            var conversion = (IConversionOperation)context.Operation;
            if (!IsWideningTarget(conversion.Type) || conversion.Operand.Type == null
                || conversion.Operand.Type.SpecialType != SpecialType.System_Int32 || !IsGuarded(context))
            {
                return;
            }

            if (new UnsignedTag(context.Compilation).Carries(conversion.Operand))
            {
                context.ReportDiagnostic(Diagnostic.Create(GuardRules.UnsignedWidening, conversion.Syntax.GetLocation(),
                    conversion.Operand.Syntax + " widened to " + conversion.Type.ToDisplayString()));
            }
        }

        /// <summary>NF1011 across a call: an int still tagged unsigned passed to a method of this assembly that widens that parameter.</summary>
        private static void CheckArgument(OperationAnalysisContext context)
        {
            var argument = (IArgumentOperation)context.Operation;
            IParameterSymbol parameter = argument.Parameter;
            if (parameter == null || parameter.RefKind != RefKind.None || parameter.Type.SpecialType != SpecialType.System_Int32
                || argument.Value.Type?.SpecialType != SpecialType.System_Int32 || !IsGuarded(context))
            {
                return;
            }

            var tag = new UnsignedTag(context.Compilation);
            if (tag.Carries(argument.Value) && tag.Widens(parameter))
            {
                context.ReportDiagnostic(Diagnostic.Create(GuardRules.UnsignedWidening, argument.Syntax.GetLocation(),
                    argument.Value.Syntax + " passed to " + parameter.ContainingSymbol.Name + "(" + parameter.Name + "), which widens it"));
            }
        }

        private static bool IsWideningTarget(ITypeSymbol type) =>
            type != null && (type.SpecialType == SpecialType.System_Int64 || type.SpecialType == SpecialType.System_UInt64
                || type.SpecialType == SpecialType.System_Double || type.SpecialType == SpecialType.System_Single);

        /// <summary>Whether an int expression can still carry the unsigned type tag of a uint it was cast from.</summary>
        private sealed class UnsignedTag
        {
            private readonly Compilation compilation;
            private readonly HashSet<ISymbol> visiting = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private readonly HashSet<IParameterSymbol> assumed = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);

            public UnsignedTag(Compilation compilation)
            {
                this.compilation = compilation;
            }

            public bool Carries(IOperation operation)
            {
                switch (operation)
                {
                    case IConversionOperation c when c.Operand.Type?.SpecialType == SpecialType.System_UInt32 && c.Type?.SpecialType == SpecialType.System_Int32:
                        return !c.IsChecked;
                    case IConversionOperation c when c.Operand.Type?.SpecialType == SpecialType.System_Int32:
                        return Carries(c.Operand);
                    case IConversionOperation _:
                        return false; // any other conversion emits a conv instruction, which re-tags
                    case IParenthesizedOperation p:
                        return Carries(p.Operand);
                    case IBinaryOperation b:
                        return Carries(b.LeftOperand) || Carries(b.RightOperand);
                    case IUnaryOperation u:
                        return Carries(u.Operand);
                    case IConditionalOperation c:
                        return (c.WhenTrue != null && Carries(c.WhenTrue)) || (c.WhenFalse != null && Carries(c.WhenFalse));
                    case ILocalReferenceOperation l when l.Type?.SpecialType == SpecialType.System_Int32:
                        return Guarded(l.Local, () => ReadOnce(Root(operation), l.Local) && Writes(Root(operation), l.Local).Any(Carries));
                    case IParameterReferenceOperation p:
                        return assumed.Contains(p.Parameter);
                    case IInvocationOperation i when i.Type?.SpecialType == SpecialType.System_Int32:
                        return Guarded(i.TargetMethod, () => Body(i.TargetMethod)?.Descendants().OfType<IReturnOperation>()
                            .Any(r => r.ReturnedValue != null && Carries(r.ReturnedValue)) == true);
                    default:
                        return false;
                }
            }

            /// <summary>True when the method of <paramref name="parameter"/> widens it (assumed tagged) in its body.</summary>
            public bool Widens(IParameterSymbol parameter)
            {
                IOperation body = parameter.ContainingSymbol is IMethodSymbol method ? Body(method) : null;
                if (body == null) return false;
                assumed.Add(parameter);
                return body.Descendants().OfType<IConversionOperation>().Any(c => IsWideningTarget(c.Type)
                    && c.Operand.Type?.SpecialType == SpecialType.System_Int32 && Carries(c.Operand));
            }

            private bool Guarded(ISymbol symbol, Func<bool> check)
            {
                if (!visiting.Add(symbol)) return false;
                try
                {
                    return check();
                }
                finally
                {
                    visiting.Remove(symbol);
                }
            }

            private static IOperation Root(IOperation operation)
            {
                while (operation.Parent != null) operation = operation.Parent;
                return operation;
            }

            /// <summary>A local read once may live only on the evaluation stack in an optimized build (read more often, it is stored, which re-tags).</summary>
            private static bool ReadOnce(IOperation root, ILocalSymbol local) =>
                root.DescendantsAndSelf().OfType<ILocalReferenceOperation>().Count(r => SymbolEqualityComparer.Default.Equals(r.Local, local)
                    && !(r.Parent is ISimpleAssignmentOperation a && a.Target == r)) <= 1;

            private static IEnumerable<IOperation> Writes(IOperation root, ILocalSymbol local)
            {
                foreach (IOperation op in root.DescendantsAndSelf())
                {
                    if (op is IVariableDeclaratorOperation d && SymbolEqualityComparer.Default.Equals(d.Symbol, local) && d.Initializer != null) yield return d.Initializer.Value;
                    if (op is ISimpleAssignmentOperation a && a.Target is ILocalReferenceOperation t && SymbolEqualityComparer.Default.Equals(t.Local, local)) yield return a.Value;
                    if (op is ICompoundAssignmentOperation c && c.Target is ILocalReferenceOperation ct && SymbolEqualityComparer.Default.Equals(ct.Local, local)) yield return c.Value;
                }
            }

            /// <summary>The body of a method of this compilation, or null (metadata, or no body).</summary>
            private IOperation Body(IMethodSymbol method)
            {
                foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
                {
                    SyntaxNode syntax = reference.GetSyntax();
                    if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree)) continue;
#pragma warning disable RS1030 // the callee's body lives in another tree; its operations are what the rule follows
                    IOperation body = compilation.GetSemanticModel(syntax.SyntaxTree).GetOperation(syntax);
#pragma warning restore RS1030
                    if (body != null) return body;
                }

                return null;
            }
        }

        /// <summary>NF1012. The native Hashtable inserts a set key into the first free slot without looking past it for the key.</summary>
        private static void CheckHashtableSet(OperationAnalysisContext context)
        {
            var assignment = (IAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation property && property.Property.IsIndexer
                && IsHashtable(property.Property.ContainingType) && IsGuarded(context))
            {
                context.ReportDiagnostic(Diagnostic.Create(GuardRules.HashtableIndexerSet, assignment.Syntax.GetLocation(), assignment.Syntax.ToString()));
            }
        }

        private static bool IsHashtable(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol t = type; t != null; t = t.BaseType)
            {
                if (t.Name == "Hashtable" && t.ContainingNamespace?.ToDisplayString() == "System.Collections") return true;
            }

            return false;
        }

        private void AnalyzeFile(SemanticModelAnalysisContext context, HashSet<string> trusted)
        {
            SyntaxTree tree = context.SemanticModel.SyntaxTree;
            var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(tree);
            if (!options.TryGetValue("build_metadata.Compile.NanoGuard", out string marked)
                || !string.Equals(marked, "true", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            new FileCheck(context, api, trusted).Run(tree.GetRoot(context.CancellationToken));
        }

        /// <summary>
        /// The rules that need no semantic model (language features, and any generic name), for
        /// sources that cannot be compiled on .NET, such as the ESP32 adapters. Returns one line per
        /// finding: <c>path(line,col): NFxxxx message</c>.
        /// </summary>
        public static string[] CheckSyntaxOnly(SyntaxTree tree)
        {
            if (tree == null) throw new ArgumentNullException(nameof(tree));
            var findings = new List<string>();
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
            {
                DiagnosticDescriptor rule = null;
                string what = null;
                switch (node)
                {
                    case TypeParameterListSyntax list: rule = GuardRules.Generics; what = "type parameters " + list; break;
                    case GenericNameSyntax generic: rule = GuardRules.Generics; what = "generic type or method " + generic; break;
                    case RecordDeclarationSyntax record: rule = GuardRules.Records; what = "record " + record.Identifier.Text; break;
                    case TupleTypeSyntax tupleType: rule = GuardRules.Tuples; what = tupleType.ToString(); break;
                    case TupleExpressionSyntax tuple: rule = GuardRules.Tuples; what = tuple.ToString(); break;
                    case NullableTypeSyntax nullable: rule = GuardRules.NullableValue; what = nullable.ToString(); break;
                    case AwaitExpressionSyntax _: rule = GuardRules.Async; what = "await"; break;
                    case QueryExpressionSyntax _: rule = GuardRules.Linq; what = "query expression"; break;
                    case UsingDirectiveSyntax usingDirective when usingDirective.Name != null
                        && usingDirective.Name.ToString().StartsWith("System.Linq", StringComparison.Ordinal):
                        rule = GuardRules.Linq; what = "using " + usingDirective.Name; break;
                    case StackAllocArrayCreationExpressionSyntax _: rule = GuardRules.SpanLike; what = "stackalloc"; break;
                    case ArrayRankSpecifierSyntax rank when rank.Rank > 1: rule = GuardRules.Unsupported; what = "multidimensional array " + rank; break;
                    case MemberDeclarationSyntax member when member.Modifiers.Any(SyntaxKind.AsyncKeyword): rule = GuardRules.Async; what = "async"; break;
                    case AnonymousFunctionExpressionSyntax lambda when lambda.Modifiers.Any(SyntaxKind.AsyncKeyword): rule = GuardRules.Async; what = "async"; break;
                }

                if (rule != null)
                {
                    FileLinePositionSpan span = node.GetLocation().GetLineSpan();
                    findings.Add($"{tree.FilePath}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {rule.Id} "
                        + string.Format(rule.MessageFormat.ToString(), what));
                }
            }

            return findings.ToArray();
        }

        private sealed class FileCheck
        {
            private readonly SemanticModelAnalysisContext context;
            private readonly NanoFrameworkApi api;
            private readonly HashSet<string> trusted;

            public FileCheck(SemanticModelAnalysisContext context, NanoFrameworkApi api, HashSet<string> trusted)
            {
                this.context = context;
                this.api = api;
                this.trusted = trusted;
            }

            public void Run(SyntaxNode root)
            {
                foreach (SyntaxNode node in root.DescendantNodes())
                {
                    CheckSyntax(node);
                }
            }

            private void Report(DiagnosticDescriptor rule, SyntaxNode node, string what) =>
                context.ReportDiagnostic(Diagnostic.Create(rule, node.GetLocation(), what));

            private void CheckSyntax(SyntaxNode node)
            {
                switch (node)
                {
                    case TypeParameterListSyntax list:
                        Report(GuardRules.Generics, list, "type parameters " + list);
                        return;
                    case RecordDeclarationSyntax record:
                        Report(GuardRules.Records, record, "record " + record.Identifier.Text);
                        return;
                    case TupleTypeSyntax tupleType:
                        Report(GuardRules.Tuples, tupleType, tupleType.ToString());
                        return;
                    case TupleExpressionSyntax tuple:
                        Report(GuardRules.Tuples, tuple, tuple.ToString());
                        return;
                    case NullableTypeSyntax nullable:
                        Report(GuardRules.NullableValue, nullable, nullable.ToString());
                        return;
                    case AwaitExpressionSyntax awaitExpression:
                        Report(GuardRules.Async, awaitExpression, "await");
                        return;
                    case QueryExpressionSyntax query:
                        Report(GuardRules.Linq, query, "query expression");
                        return;
                    case UsingDirectiveSyntax usingDirective when usingDirective.Name != null
                        && usingDirective.Name.ToString().StartsWith("System.Linq", StringComparison.Ordinal):
                        Report(GuardRules.Linq, usingDirective, "using " + usingDirective.Name);
                        return;
                    case StackAllocArrayCreationExpressionSyntax stackAlloc:
                        Report(GuardRules.SpanLike, stackAlloc, "stackalloc");
                        return;
                    case ImplicitStackAllocArrayCreationExpressionSyntax implicitStackAlloc:
                        Report(GuardRules.SpanLike, implicitStackAlloc, "stackalloc");
                        return;
                    case ArrayRankSpecifierSyntax rank when rank.Rank > 1:
                        Report(GuardRules.Unsupported, rank, "multidimensional array " + rank);
                        return;
                    case AccessorDeclarationSyntax accessor when accessor.IsKind(SyntaxKind.InitAccessorDeclaration):
                        Report(GuardRules.Unsupported, accessor, "init accessor");
                        return;
                    case MemberDeclarationSyntax member:
                        CheckModifiers(member, member.Modifiers);
                        return;
                    case LocalFunctionStatementSyntax localFunction:
                        CheckAsync(localFunction, localFunction.Modifiers);
                        return;
                    case AnonymousFunctionExpressionSyntax lambda:
                        CheckAsync(lambda, lambda.Modifiers);
                        return;
                    case ObjectCreationExpressionSyntax:
                    case ImplicitObjectCreationExpressionSyntax:
                    case IdentifierNameSyntax:
                    case GenericNameSyntax:
                    case PredefinedTypeSyntax:
                        CheckSymbol(node);
                        return;
                }
            }

            private void CheckModifiers(SyntaxNode node, SyntaxTokenList modifiers)
            {
                CheckAsync(node, modifiers);
                if (node is StructDeclarationSyntax && modifiers.Any(SyntaxKind.RefKeyword))
                {
                    Report(GuardRules.SpanLike, node, "ref struct");
                }
            }

            private void CheckAsync(SyntaxNode node, SyntaxTokenList modifiers)
            {
                foreach (SyntaxToken token in modifiers)
                {
                    if (token.IsKind(SyntaxKind.AsyncKeyword))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(GuardRules.Async, token.GetLocation(), "async"));
                    }
                }
            }

            private void CheckSymbol(SyntaxNode node)
            {
                SymbolInfo info = context.SemanticModel.GetSymbolInfo(node, context.CancellationToken);
                ISymbol symbol = info.Symbol;
                if (symbol == null && info.CandidateSymbols.Length > 0) symbol = info.CandidateSymbols[0];
                if (symbol is IAliasSymbol alias) symbol = alias.Target;

                switch (symbol)
                {
                    case ITypeSymbol type:
                        CheckType(node, type);
                        break;
                    case IMethodSymbol method:
                        if (method.IsGenericMethod && !IsTrusted(method))
                        {
                            Report(GuardRules.Generics, node, "generic method " + method.ToDisplayString());
                        }

                        if (method.MethodKind != MethodKind.LocalFunction && method.MethodKind != MethodKind.AnonymousFunction)
                        {
                            CheckMember(node, method.ContainingType, method.IsExtensionMethod ? method.Name : method.MetadataName);
                        }

                        break;
                    case IPropertySymbol property:
                        CheckMember(node, property.ContainingType, property.MetadataName);
                        break;
                    case IFieldSymbol field:
                        CheckMember(node, field.ContainingType, field.MetadataName);
                        break;
                    case IEventSymbol eventSymbol:
                        CheckMember(node, eventSymbol.ContainingType, eventSymbol.MetadataName);
                        break;
                }
            }

            private bool IsTrusted(ISymbol symbol) =>
                symbol.ContainingAssembly == null || trusted.Contains(symbol.ContainingAssembly.Name);

            private void CheckType(SyntaxNode node, ITypeSymbol type)
            {
                while (type is IArrayTypeSymbol array) type = array.ElementType;
                if (type is IPointerTypeSymbol || type is ITypeParameterSymbol || type is IErrorTypeSymbol) return;
                if (!(type is INamedTypeSymbol named)) return;

                if (named.IsTupleType)
                {
                    Report(GuardRules.Tuples, node, named.ToDisplayString());
                    return;
                }

                if (named.IsGenericType)
                {
                    if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
                        Report(GuardRules.NullableValue, node, named.ToDisplayString());
                    else if (IsSpanLike(named))
                        Report(GuardRules.SpanLike, node, named.ToDisplayString());
                    else if (IsTask(named))
                        Report(GuardRules.Async, node, named.ToDisplayString());
                    else
                        Report(GuardRules.Generics, node, "generic type " + named.ToDisplayString());
                    return;
                }

                if (IsTrusted(named) || api.TypeCount == 0) return;
                if (IsTask(named))
                {
                    Report(GuardRules.Async, node, named.ToDisplayString());
                    return;
                }

                if (!api.HasType(FullName(named)))
                {
                    Report(GuardRules.MissingType, node, named.ToDisplayString());
                }
            }

            private void CheckMember(SyntaxNode node, INamedTypeSymbol containingType, string memberName)
            {
                if (containingType == null || IsTrusted(containingType) || api.TypeCount == 0) return;
                if (containingType.IsGenericType) return; // reported as a generic type where it is named
                if (containingType.TypeKind == TypeKind.Delegate) return;

                for (INamedTypeSymbol t = containingType; t != null; t = t.BaseType)
                {
                    if (api.HasMember(FullName(t), memberName)) return;
                }

                string typeName = FullName(containingType);
                if (!api.HasType(typeName))
                {
                    Report(GuardRules.MissingType, node, containingType.ToDisplayString());
                    return;
                }

                Report(GuardRules.MissingMember, node, typeName + "." + memberName);
            }

            private static bool IsSpanLike(INamedTypeSymbol type)
            {
                string name = type.OriginalDefinition.MetadataName;
                return type.IsRefLikeType || name == "Memory`1" || name == "ReadOnlyMemory`1";
            }

            private static bool IsTask(INamedTypeSymbol type)
            {
                string ns = type.ContainingNamespace?.ToDisplayString();
                return ns == "System.Threading.Tasks";
            }

            private static string FullName(INamedTypeSymbol type)
            {
                string name = type.MetadataName;
                for (INamedTypeSymbol outer = type.ContainingType; outer != null; outer = outer.ContainingType)
                {
                    name = outer.MetadataName + "+" + name;
                    type = outer;
                }

                string ns = type.ContainingNamespace == null || type.ContainingNamespace.IsGlobalNamespace
                    ? string.Empty
                    : type.ContainingNamespace.ToDisplayString() + ".";
                return ns + name;
            }
        }
    }
}
