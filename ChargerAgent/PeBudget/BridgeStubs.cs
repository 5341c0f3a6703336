using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ChargerAgent.PeBudget
{
    /// <summary>
    /// Reference source for the device-only APIs the portable tests use (nanoFramework.TestFramework,
    /// nanoFramework.Runtime.Native): the public declarations of the tests' bridge
    /// (ChargerAgent.Tests/Host/Bridge), which mirrors them on .NET, with every body replaced by
    /// <c>throw null</c> so that nothing of MSTest remains.
    /// </summary>
    public static class BridgeStubs
    {
        /// <summary>Bridge files that declare device APIs, and the device assembly each stands for.</summary>
        public static readonly (string File, string Assembly)[] Files =
        {
            ("Assert.cs", "nanoFramework.TestFramework"),
            ("Attributes.cs", "nanoFramework.TestFramework"),
            ("NativeGc.cs", "nanoFramework.Runtime.Native"),
        };

        /// <summary>Stub syntax trees for <paramref name="assemblyName"/>, read from <paramref name="bridgeDirectory"/>.</summary>
        public static IReadOnlyList<SyntaxTree> For(string bridgeDirectory, string assemblyName, CSharpParseOptions options)
        {
            var trees = new List<SyntaxTree>();
            foreach ((string file, string assembly) in Files)
            {
                string path = Path.Combine(bridgeDirectory, file);
                if (assembly != assemblyName || !File.Exists(path)) continue;
                SyntaxNode root = CSharpSyntaxTree.ParseText(File.ReadAllText(path), options).GetRoot();
                root = new BodyStripper().Visit(root);
                trees.Add(CSharpSyntaxTree.Create((CSharpSyntaxNode)root, options, path));
            }

            return trees;
        }

        private sealed class BodyStripper : CSharpSyntaxRewriter
        {
            private static readonly BlockSyntax ThrowNull = SyntaxFactory.Block(SyntaxFactory.ThrowStatement(
                SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression)));

            public override SyntaxNode VisitUsingDirective(UsingDirectiveSyntax node) =>
                node.Alias != null ? null : base.VisitUsingDirective(node);

            public override SyntaxNode VisitMethodDeclaration(MethodDeclarationSyntax node) =>
                node.WithBody(ThrowNull).WithExpressionBody(null).WithSemicolonToken(default);

            public override SyntaxNode VisitConstructorDeclaration(ConstructorDeclarationSyntax node) =>
                node.WithBody(ThrowNull).WithExpressionBody(null).WithSemicolonToken(default);

            public override SyntaxNode VisitAccessorDeclaration(AccessorDeclarationSyntax node) =>
                node.Body == null && node.ExpressionBody == null ? node : node.WithBody(ThrowNull).WithExpressionBody(null).WithSemicolonToken(default);

            public override SyntaxNode VisitPropertyDeclaration(PropertyDeclarationSyntax node)
            {
                if (node.ExpressionBody == null) return base.VisitPropertyDeclaration(node);
                return node.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(SyntaxFactory.AccessorList(
                    SyntaxFactory.SingletonList(SyntaxFactory.AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, ThrowNull))));
            }
        }
    }
}
