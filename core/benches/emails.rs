//! The e-mails the route benchmark times and `profile_route` counts (which
//! include this file by path), so that both measure the same text.

/// About 200 bytes of ordinary Swedish, as an e-mail would start: a snow
/// clearing complaint, recognised as `snorojning`.
pub const SNOW: &str = "Hej! Jag bor på Storgatan och undrar varför ni inte har plogat vår gata än. \
                        Det är väldigt halt och min mamma som har rullator kommer inte ut. \
                        Kan ni säga när snöröjningen kommer? Tack, Eva";

/// About 200 bytes in which the one word that names the subject is
/// misspelt ("hemtjänts"): nothing is recognised by e-mail, and the near
/// spellings are searched for candidates.
pub const MISSPELT: &str = "Hej! Jag heter Eva och bor i Ljungbyhed sedan i våras. Jag undrar hur \
                            jag gör för att få hemtjänts till min mamma, som fyller nittio i år. \
                            Vem kan jag prata med om det? Tack så mycket, Eva";
