// Routes enquiries on rules/klippan through KommunlotsRouter and checks the
// answers and the exceptions; exits non-zero on any failure.
//
//   mono Kommunlots.Example.exe <rules-dir>
using System;
using System.Threading;
using Kommunlots;

static class Program
{
    static int passed, failed;

    static void Check(bool ok, string what)
    {
        if (ok) { passed++; return; }
        failed++;
        Console.Error.WriteLine("FAIL " + what);
    }

    static void CheckContains(string json, string needle)
    {
        Check(json.Contains(needle), "expected " + needle + " in " + json);
    }

    const string Municipality =
        "[municipality]\nname = \"Exempels kommun\"\n\n" +
        "[first_line]\nid = \"kontaktcenter\"\nname = \"Kontaktcenter\"\nhandler = \"kundtjanst\"\n\n" +
        "[[first_line.unit]]\nid = \"kundtjanst\"\nname = \"Kundtjänsten\"\n";

    // The ROSA level is a string: an error at line 10, column 9.
    const string BadDepartment =
        "[department]\nid = \"plan-bygg\"\nname = \"Plan- och byggförvaltningen\"\n\n" +
        "[[unit]]\nid = \"bygglov\"\nname = \"Bygglovsenheten\"\n\n" +
        "[[type]]\nlevel = \"sex\"\nid = \"bygglov-ansokan\"\nname = \"Ansökan om bygglov\"\n" +
        "unit = \"bygglov\"\nkeywords = [\"bygglov\"]\n";

    static int Main(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: Kommunlots.Example.exe <rules-dir>");
            return 2;
        }
        Console.WriteLine("kommunlots " + KommunlotsRouter.Version);

        using (KommunlotsRouter router = KommunlotsRouter.FromDirectory(args[0]))
        {
            string snow = router.RouteJson(
                "{\"id\": \"PL-2027-17\", \"channel\": \"email\", \"text\": \"Varför har ni inte plogat Storgatan?\"}");
            CheckContains(snow, "\"department\":\"teknik\"");
            CheckContains(snow, "\"enquiry_type\":\"snorojning\"");
            CheckContains(snow, "\"id\":\"PL-2027-17\"");

            string form = router.RouteJson("{\"channel\": \"e-service\", \"form\": \"TF-PTRH\"}");
            CheckContains(form, "\"enquiry_type\":\"parkeringstillstand\"");
            // The external block carries the Platina case type.
            CheckContains(form, "\"platina_case_type\":\"TF-PTRH\"");

            string appeal = router.RouteJson("{\"text\": \"Jag vill överklaga beslutet om bygglov.\"}");
            CheckContains(appeal, "\"department\":\"plan-bygg\"");
            CheckContains(appeal, "\"rosa_level\":6");
            CheckContains(appeal, "\"first_line\":false");

            // At the time the case was registered: deadlines count from it.
            DateTimeOffset registered = new DateTimeOffset(2027, 3, 25, 10, 0, 0, TimeSpan.FromHours(1));
            string at = router.RouteJson("{\"channel\": \"email\", \"text\": \"Plogat?\"}", registered);
            CheckContains(at, "\"received_at\":\"2027-03-25T10:00:00+01:00\"");
            Check(at == router.RouteJson("{\"channel\": \"email\", \"text\": \"Plogat?\"}", registered),
                  "the same time gives the same decision");
            Check(router.WarningCount == 0 && router.Warnings == "", "Klippan has no warnings");
            string types = router.EnquiryTypesJson();
            Check(types.StartsWith("[{"), "the enquiry types are a JSON array");
            CheckContains(types, "\"platina_case_type\":\"TF-PTRH\"");

            // Malformed enquiry JSON: the line and column are in the JSON text.
            try
            {
                router.RouteJson("{\n  \"text\": \"snö\",\n  \"channel\": }");
                Check(false, "malformed JSON did not throw");
            }
            catch (KommunlotsException e)
            {
                Check(e.Status == KlStatus.InvalidEnquiry, "InvalidEnquiry, got " + e.Status);
                Check(e.File == "" && e.Line == 3 && e.Column == 14,
                      "malformed JSON at 3:14, got " + e.File + " " + e.Line + ":" + e.Column);
            }

            // One router, several threads, no locking.
            int wrong = 0;
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.Length; t++)
            {
                threads[t] = new Thread(() =>
                {
                    for (int i = 0; i < 25; i++)
                    {
                        string d = router.RouteJson("{\"form\": \"TF-PTRH\"}");
                        if (!d.Contains("\"enquiry_type\":\"parkeringstillstand\""))
                            Interlocked.Increment(ref wrong);
                    }
                });
                threads[t].Start();
            }
            foreach (Thread t in threads) t.Join();
            Check(wrong == 0, wrong + " wrong answers from threads");

            // Bad rules from the host's database: the exception locates the error,
            // and the old router keeps working.
            try
            {
                using (KommunlotsRouter reloaded = KommunlotsRouter.FromStrings(
                    new[] { "municipality.toml", "departments/plan-bygg.toml" },
                    new[] { Municipality, BadDepartment }))
                {
                    Check(false, "bad rules did not throw");
                }
            }
            catch (KommunlotsException e)
            {
                Check(e.Status == KlStatus.RulesError, "RulesError, got " + e.Status);
                Check(e.File == "departments/plan-bygg.toml" && e.Line == 10 && e.Column == 9,
                      "bad rules at departments/plan-bygg.toml:10:9, got " + e.Message);
                Check(e.Report.Contains("level = \"sex\""), "report quotes the line: " + e.Report);
                Console.WriteLine("expected error: " + e.Message);
            }
            CheckContains(router.RouteJson("{\"form\": \"TF-PTRH\"}"), "parkeringstillstand");

            // Good rules from strings.
            string good = BadDepartment.Replace("level = \"sex\"", "level = 6");
            using (KommunlotsRouter fromDb = KommunlotsRouter.FromStrings(
                new[] { "municipality.toml", "departments/plan-bygg.toml" },
                new[] { Municipality, good }))
            {
                CheckContains(fromDb.RouteJson("{\"text\": \"Hur går det med mitt bygglov?\"}"),
                              "\"department\":\"plan-bygg\"");
            }
        }

        try
        {
            KommunlotsRouter.FromDirectory("/nonexistent/kommunlots");
            Check(false, "a missing folder did not throw");
        }
        catch (KommunlotsException e)
        {
            Check(e.Status == KlStatus.RulesError, "RulesError for a missing folder, got " + e.Status);
        }

        KommunlotsRouter disposed = KommunlotsRouter.FromDirectory(args[0]);
        disposed.Dispose();
        try
        {
            disposed.RouteJson("{}");
            Check(false, "routing after Dispose did not throw");
        }
        catch (ObjectDisposedException)
        {
            Check(true, "ObjectDisposedException after Dispose");
        }

        Console.WriteLine("dotnet: {0} passed, {1} failed", passed, failed);
        return failed == 0 ? 0 : 1;
    }
}
