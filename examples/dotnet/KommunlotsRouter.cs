// A P/Invoke wrapper over the kommunlots C API (bindings/c/include/kommunlots.h),
// the shape a Formpipe Platina integrator copies into their solution.
//
// - KommunlotsRouter : IDisposable owns a RouterHandle (a SafeHandle), so the
//   native router is freed exactly once, even if Dispose is forgotten, and
//   never while another thread is inside a call on it (SafeHandle counts the
//   calls in flight).
// - Strings cross the boundary as NUL-terminated UTF-8 byte arrays, built
//   and read explicitly with Encoding.UTF8. This works on .NET Framework 4.x,
//   Mono and .NET alike (UnmanagedType.LPUTF8Str needs .NET Framework 4.7+).
// - Every status other than KL_OK becomes a KommunlotsException carrying the
//   status, message, file, line and column read from the thread's last error.
//
// The native library is "kommunlots": kommunlots.dll on Windows,
// libkommunlots.so on Linux (found through LD_LIBRARY_PATH or next to the
// executable), libkommunlots.dylib on macOS.
using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Kommunlots
{
    /// <summary>The kl_status codes of kommunlots.h; the numbers are stable.</summary>
    public enum KlStatus : uint
    {
        Ok = 0,
        NullArgument = 1,
        InvalidUtf8 = 2,
        InvalidEnquiry = 3,
        RulesError = 4,
        TooLarge = 5,
        Panic = 6,
        Internal = 7,
        InvalidArgument = 8,
    }

    /// <summary>A failed kommunlots call, with the location of the error.</summary>
    public sealed class KommunlotsException : Exception
    {
        /// <summary>What failed.</summary>
        public KlStatus Status { get; private set; }
        /// <summary>The rule file the error is in, or "" (enquiry errors).</summary>
        public string File { get; private set; }
        /// <summary>1-based line in the rule file or the enquiry JSON; 0 if none.</summary>
        public long Line { get; private set; }
        /// <summary>1-based column, in characters; 0 if none.</summary>
        public long Column { get; private set; }
        /// <summary>Every diagnostic, rendered like a compiler error (multi-line).</summary>
        public string Report { get; private set; }

        internal KommunlotsException(KlStatus status, string message, string file,
                                     long line, long column, string report)
            : base(Describe(status, message, file, line, column))
        {
            Status = status;
            File = file;
            Line = line;
            Column = column;
            Report = report;
        }

        static string Describe(KlStatus status, string message, string file, long line, long column)
        {
            if (file.Length > 0)
                return string.Format("{0}: {1}:{2}:{3}: {4}", status, file, line, column, message);
            if (line > 0)
                return string.Format("{0}: line {1}, column {2}: {3}", status, line, column, message);
            return string.Format("{0}: {1}", status, message);
        }

        /// <summary>Throws for any status but Ok. Call it on the thread that made the call.</summary>
        internal static void Check(KlStatus status)
        {
            if (status == KlStatus.Ok)
                return;
            throw new KommunlotsException(
                status,
                Utf8.FromNative(Native.kl_last_error_message()),
                Utf8.FromNative(Native.kl_last_error_file()),
                (long)Native.kl_last_error_line().ToUInt64(),
                (long)Native.kl_last_error_column().ToUInt64(),
                Utf8.FromNative(Native.kl_last_error_report()));
        }
    }

    /// <summary>Owns one native kl_router; frees it with kl_router_free.</summary>
    internal sealed class RouterHandle : SafeHandle
    {
        public RouterHandle() : base(IntPtr.Zero, true) { }

        public override bool IsInvalid { get { return handle == IntPtr.Zero; } }

        protected override bool ReleaseHandle()
        {
            Native.kl_router_free(handle);
            return true;
        }
    }

    internal static class Native
    {
        const string Lib = "kommunlots";

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern KlStatus kl_router_new_from_dir(byte[] dir, out RouterHandle router);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern KlStatus kl_router_new_from_strings(
            IntPtr[] names, IntPtr[] texts, UIntPtr count, out RouterHandle router);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void kl_router_free(IntPtr router);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern KlStatus kl_route_json(RouterHandle router, byte[] enquiryJson, out IntPtr decision);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern KlStatus kl_route_json_at(RouterHandle router, byte[] enquiryJson, long nowUnixSeconds, out IntPtr decision);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern UIntPtr kl_router_warning_count(RouterHandle router);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern KlStatus kl_router_warnings(RouterHandle router, out IntPtr report);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern KlStatus kl_router_enquiry_types_json(RouterHandle router, out IntPtr types);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void kl_string_free(IntPtr s);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr kl_version();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr kl_last_error_message();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr kl_last_error_report();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr kl_last_error_file();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern UIntPtr kl_last_error_line();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern UIntPtr kl_last_error_column();
    }

    /// <summary>Explicit UTF-8 marshalling.</summary>
    internal static class Utf8
    {
        /// <summary>Copies a string kommunlots handed over, then frees it (ours to free, exactly once).</summary>
        internal static string Take(IntPtr s)
        {
            try
            {
                return FromNative(s);
            }
            finally
            {
                Native.kl_string_free(s);
            }
        }

        /// <summary>A NUL-terminated UTF-8 copy of s (null stays null: the native side reports it).</summary>
        internal static byte[] ToNative(string s, string name)
        {
            if (s == null)
                return null;
            if (s.IndexOf('\0') >= 0)
                throw new ArgumentException("contains a NUL character", name);
            byte[] bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
            Encoding.UTF8.GetBytes(s, 0, s.Length, bytes, 0);
            return bytes; // the last byte is already 0
        }

        /// <summary>Copies a NUL-terminated UTF-8 string out of native memory.</summary>
        internal static string FromNative(IntPtr p)
        {
            if (p == IntPtr.Zero)
                return "";
            int len = 0;
            while (Marshal.ReadByte(p, len) != 0)
                len++;
            byte[] bytes = new byte[len];
            Marshal.Copy(p, bytes, 0, len);
            return Encoding.UTF8.GetString(bytes);
        }

        /// <summary>A NUL-terminated UTF-8 copy of s in unmanaged memory; free with Marshal.FreeHGlobal.</summary>
        internal static IntPtr Alloc(string s, string name)
        {
            if (s == null)
                return IntPtr.Zero;
            byte[] bytes = ToNative(s, name);
            IntPtr p = Marshal.AllocHGlobal(bytes.Length);
            Marshal.Copy(bytes, 0, p, bytes.Length);
            return p;
        }
    }

    /// <summary>
    /// A compiled kommunlots rule set. Immutable: route from any number of
    /// threads at once. To reload the rules, build a new router and swap the
    /// reference; a failed load throws and leaves the old router working.
    /// </summary>
    public sealed class KommunlotsRouter : IDisposable
    {
        readonly RouterHandle handle;

        KommunlotsRouter(RouterHandle handle)
        {
            this.handle = handle;
        }

        /// <summary>The version of the native library.</summary>
        public static string Version
        {
            get { return Utf8.FromNative(Native.kl_version()); }
        }

        /// <summary>Loads the rule set in a folder (municipality.toml, departments/).</summary>
        /// <exception cref="KommunlotsException">RulesError with File, Line and Column.</exception>
        public static KommunlotsRouter FromDirectory(string dir)
        {
            RouterHandle h;
            KommunlotsException.Check(Native.kl_router_new_from_dir(Utf8.ToNative(dir, "dir"), out h));
            return new KommunlotsRouter(h);
        }

        /// <summary>
        /// Loads a rule set kept in the host's own database: pairs of file
        /// name ("municipality.toml", "departments/teknik.toml") and TOML text.
        /// </summary>
        /// <exception cref="KommunlotsException">RulesError with File, Line and Column.</exception>
        public static KommunlotsRouter FromStrings(string[] names, string[] texts)
        {
            if (names == null) throw new ArgumentNullException("names");
            if (texts == null) throw new ArgumentNullException("texts");
            if (names.Length != texts.Length)
                throw new ArgumentException("names and texts differ in length");
            IntPtr[] n = new IntPtr[names.Length];
            IntPtr[] t = new IntPtr[texts.Length];
            try
            {
                for (int i = 0; i < names.Length; i++)
                {
                    n[i] = Utf8.Alloc(names[i], "names");
                    t[i] = Utf8.Alloc(texts[i], "texts");
                }
                RouterHandle h;
                KlStatus status = Native.kl_router_new_from_strings(n, t, new UIntPtr((uint)n.Length), out h);
                KommunlotsException.Check(status);
                return new KommunlotsRouter(h);
            }
            finally
            {
                foreach (IntPtr p in n) Marshal.FreeHGlobal(p); // FreeHGlobal(Zero) is a no-op
                foreach (IntPtr p in t) Marshal.FreeHGlobal(p);
            }
        }

        /// <summary>Routes one enquiry given as JSON; returns the decision as JSON.</summary>
        /// <exception cref="KommunlotsException">InvalidEnquiry (Line, Column in the JSON), TooLarge.</exception>
        /// <exception cref="ObjectDisposedException">After Dispose.</exception>
        public string RouteJson(string enquiryJson)
        {
            if (handle.IsClosed)
                throw new ObjectDisposedException("KommunlotsRouter");
            IntPtr decision;
            KommunlotsException.Check(Native.kl_route_json(handle, Utf8.ToNative(enquiryJson, "enquiryJson"), out decision));
            return Utf8.Take(decision);
        }

        /// <summary>Routes one enquiry given as JSON at the time now (deadlines count from it when the
        /// enquiry has no received_at, such as the time the case was registered); the same enquiry
        /// and time always give the same decision.</summary>
        /// <exception cref="KommunlotsException">InvalidEnquiry, TooLarge, InvalidArgument.</exception>
        /// <exception cref="ObjectDisposedException">After Dispose.</exception>
        public string RouteJson(string enquiryJson, DateTimeOffset now)
        {
            if (handle.IsClosed)
                throw new ObjectDisposedException("KommunlotsRouter");
            IntPtr decision;
            KommunlotsException.Check(Native.kl_route_json_at(
                handle, Utf8.ToNative(enquiryJson, "enquiryJson"), now.ToUnixTimeSeconds(), out decision));
            return Utf8.Take(decision);
        }

        /// <summary>The rule set's warnings (untested types, keywords claimed twice), rendered like a
        /// compiler's; empty when there are none. For the log when new rules are loaded.</summary>
        public string Warnings
        {
            get
            {
                if (handle.IsClosed)
                    throw new ObjectDisposedException("KommunlotsRouter");
                IntPtr report;
                KommunlotsException.Check(Native.kl_router_warnings(handle, out report));
                return Utf8.Take(report);
            }
        }

        /// <summary>Every enquiry type as a JSON array (id, name, department, rosa_level,
        /// form_codes, external...): for checking the host's configuration, such as that every
        /// <c>external.platina_case_type</c> exists in Platina, when new rules are loaded.</summary>
        public string EnquiryTypesJson()
        {
            if (handle.IsClosed)
                throw new ObjectDisposedException("KommunlotsRouter");
            IntPtr types;
            KommunlotsException.Check(Native.kl_router_enquiry_types_json(handle, out types));
            return Utf8.Take(types);
        }

        /// <summary>How many warnings the rule set has.</summary>
        public int WarningCount
        {
            get
            {
                if (handle.IsClosed)
                    throw new ObjectDisposedException("KommunlotsRouter");
                return (int)Native.kl_router_warning_count(handle);
            }
        }

        /// <summary>Frees the native router (after any calls still in flight).</summary>
        public void Dispose()
        {
            handle.Dispose();
        }
    }
}
