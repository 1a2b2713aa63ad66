package msg

import (
	"sokhuyenhoc/data"
	"sokhuyenhoc/data/text"
)

// The sentinels of the two packages below msg, which cannot import it;
// every other package registers its own (errmsg.go beside its errors).
func init() {
	Sentinels("data", map[string]error{
		"ErrRequired": data.ErrRequired, "ErrDate": data.ErrDate, "ErrNoSuchDay": data.ErrNoSuchDay,
		"ErrYear": data.ErrYear, "ErrNumber": data.ErrNumber, "ErrNegative": data.ErrNegative,
		"ErrMoney": data.ErrMoney, "ErrScore": data.ErrScore, "ErrScoresPartial": data.ErrScoresPartial,
		"ErrResultMismatch": data.ErrResultMismatch, "ErrEnum": data.ErrEnum, "ErrCCCDLength": data.ErrCCCDLength,
		"ErrCCCDGender": data.ErrCCCDGender, "ErrCCCDYear": data.ErrCCCDYear, "ErrPhone": data.ErrPhone,
		"ErrBirthDateYear": data.ErrBirthDateYear, "ErrTooLong": data.ErrTooLong, "ErrAfterYear": data.ErrAfterYear,
		"ErrNotPassed": data.ErrNotPassed, "ErrTooBig": data.ErrTooBig, "ErrText": data.ErrText,
		"ErrNotNormal": data.ErrNotNormal, "ErrLabel": data.ErrLabel,
		"ErrPeriod": data.ErrPeriod, "ErrPeriodOrder": data.ErrPeriodOrder, "ErrPeriodYears": data.ErrPeriodYears,
		"ErrMemberPeriod": data.ErrMemberPeriod, "ErrDissolvedBefore": data.ErrDissolvedBefore,
		"ErrMembersAdmitted": data.ErrMembersAdmitted, "ErrProgrammeSum": data.ErrProgrammeSum,
		"ErrNoAnswer": data.ErrNoAnswer, "ErrWithdrawnBefore": data.ErrWithdrawnBefore,
		"ErrTarget": data.ErrTarget,
		// The learning models and their criteria sets.
		"ErrCounts": data.ErrCounts, "ErrSetSyntax": data.ErrSetSyntax, "ErrSetTooLarge": data.ErrSetTooLarge,
		"ErrSetField": data.ErrSetField, "ErrSetRequired": data.ErrSetRequired, "ErrSetModel": data.ErrSetModel,
		"ErrSetVersion": data.ErrSetVersion, "ErrSetCode": data.ErrSetCode, "ErrSetTwice": data.ErrSetTwice,
		"ErrSetMany": data.ErrSetMany, "ErrSetGroup": data.ErrSetGroup, "ErrSetPoints": data.ErrSetPoints,
		"ErrSetRuleKind": data.ErrSetRuleKind, "ErrSetRule": data.ErrSetRule, "ErrSetStatus": data.ErrSetStatus,
		"ErrSetDate": data.ErrSetDate, "ErrSetCitizen": data.ErrSetCitizen, "ErrSetTaken": data.ErrSetTaken,
		"ErrSetUnknown": data.ErrSetUnknown, "ErrScoreCode": data.ErrScoreCode, "ErrScoreMax": data.ErrScoreMax,
		"ErrScoreMet": data.ErrScoreMet, "ErrScoreTwice": data.ErrScoreTwice, "ErrScoreMissing": data.ErrScoreMissing,
		"ErrScoreNone": data.ErrScoreNone,
	})
	Sentinels("data/text", map[string]error{"ErrLegacyEncoding": text.ErrLegacyEncoding})
}
